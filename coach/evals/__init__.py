"""Evals: run datasets through the coach, compute the contract metrics, write reports."""
