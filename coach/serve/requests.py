"""The request bodies of the REST API (`coach serve`, coach/serve/web.py): each field bounded and checked as
text before any handler reads it (edges.py's `Text`, `encodable`); a bad body is a 422 naming the field."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field, field_validator

from coach.serve.edges import Text, encodable

__all__ = [
    "ChatRequest",
    "CompareRequest",
    "FeedbackRequest",
    "GapRequest",
    "InterviewFeedbackRequest",
    "InterviewQuestionRequest",
    "PathRequest",
]


class ChatRequest(BaseModel):
    message: Text = Field(description="The job seeker's question.")
    # the length first, then the text check: pydantic keeps its own "at most N characters" message
    session_id: Annotated[str, Field(max_length=64), BeforeValidator(encodable)] | None = Field(
        None, description="Conversation id; unknown or missing starts a new one."
    )
    guide: Annotated[str, Field(max_length=200), BeforeValidator(encodable)] | None = Field(
        None, description="Only answer from this guide (file name, title or role)."
    )

    @field_validator("message")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message is empty: send a question about a career")
        return value


class CompareRequest(BaseModel):
    roles: list[Annotated[str, Field(min_length=1, max_length=100), BeforeValidator(encodable)]] = Field(
        min_length=2, max_length=5, description="Two to five roles the guides cover."
    )


class PathRequest(BaseModel):
    role: Annotated[str, Field(min_length=1, max_length=100), BeforeValidator(encodable)] = Field(
        description="The role the job seeker has or wants."
    )
    years: float | None = Field(None, ge=0, le=60, description="Years of experience in that role.")
    guide: Annotated[str, Field(max_length=200), BeforeValidator(encodable)] | None = Field(
        None, description="Only this guide's ladder (file name, title or role)."
    )


class InterviewQuestionRequest(BaseModel):
    role: Annotated[str, Field(min_length=1, max_length=100), BeforeValidator(encodable)] = Field(
        description="The job to practise an interview for."
    )
    n: int = Field(0, ge=0, le=1000, description="Which question (0 = the first; the next is n + 1).")


class InterviewFeedbackRequest(BaseModel):
    id: Annotated[str, Field(min_length=1, max_length=64), BeforeValidator(encodable)] = Field(
        description="The id of the question answered."
    )
    answer: Annotated[str, Field(max_length=5000), BeforeValidator(encodable)] = Field(
        description="The job seeker's answer (compared with the guide, never followed)."
    )


class GapRequest(BaseModel):
    role: Annotated[str, Field(min_length=1, max_length=100), BeforeValidator(encodable)] = Field(
        description="The job the job seeker wants."
    )
    text: Annotated[str, Field(min_length=1, max_length=200_000), BeforeValidator(encodable)] = Field(
        description="The CV's text (read, never stored or logged)."
    )


class FeedbackRequest(BaseModel):
    session_id: Annotated[str, Field(max_length=64), BeforeValidator(encodable)]
    message_id: Annotated[str, Field(max_length=64), BeforeValidator(encodable)]
    rating: Literal["up", "down"]
    reason: Annotated[str, Field(max_length=1000), BeforeValidator(encodable)] | None = None
