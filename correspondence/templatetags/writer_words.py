"""Template filters for the writer's pages: the office's states in the writer's words."""

from django import template

from correspondence.words import status_for_writer

register = template.Library()


@register.filter
def writer_status(status: str) -> str:
    """`{{ letter.status|writer_status }}`: "Being checked" rather than "Being screened"."""
    return status_for_writer(status)
