"""Serve: the REST API, the Gradio UI, the careers-page widget and the conversation store."""
