"""careercoach: a grounded career coach that answers from career guides and cites its sources."""

__version__ = "0.1.0"
