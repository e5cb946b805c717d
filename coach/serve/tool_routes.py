"""The coaching tools' routes of the REST API (coach/tools/): compare, career path, interview practice, skills
gap. Each runs its tool on the serving index generation in the app's worker threads (`tool`, web.py), its
result as JSON and a CoachError as a 422 or 503."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Response

from coach.ask.coach import Coach
from coach.serve.requests import (
    CompareRequest,
    GapRequest,
    InterviewFeedbackRequest,
    InterviewQuestionRequest,
    PathRequest,
)

__all__ = ["add_tool_routes"]


def add_tool_routes(app: FastAPI, tool: Callable[[Callable[[Coach], Any]], Awaitable[Response]]) -> None:
    """Add /api/compare, /api/path, /api/interview/question, /api/interview/feedback and /api/gap to `app`."""

    @app.post(
        "/api/compare",
        summary="Compare jobs measure by measure, each value quoted from that job's own guides and cited.",
    )
    async def compare_roles(req: CompareRequest) -> Response:
        from coach.tools.compare import compare

        return await tool(lambda c: compare(c, req.roles))

    @app.post(
        "/api/path",
        summary="Career path: the guides' ladder for a role, where the asker stands, what is next.",
    )
    async def career_path_route(req: PathRequest) -> Response:
        from coach.tools.path import career_path

        return await tool(lambda c: career_path(c, req.role, req.years, req.guide))

    @app.post("/api/interview/question", summary="An interview question drawn from the role's own guides.")
    async def interview_question_route(req: InterviewQuestionRequest) -> Response:
        from coach.tools.interview import interview_question

        return await tool(lambda c: interview_question(c, req.role, req.n))

    @app.post(
        "/api/interview/feedback",
        summary="The guide's points an answer makes and misses, a score and a model answer, cited.",
    )
    async def interview_feedback_route(req: InterviewFeedbackRequest) -> Response:
        from coach.tools.interview import interview_feedback

        return await tool(lambda c: interview_feedback(c, req.id, req.answer))

    @app.post(
        "/api/gap",
        summary="Skills gap and readiness: the role's listed skills found in a CV, in part, or missing; cited.",
    )
    async def skills_gap_route(req: GapRequest) -> Response:
        from coach.tools.gap import skills_gap

        return await tool(lambda c: skills_gap(c, req.role, req.text))
