"""The HTTP API (FastAPI under uvicorn) over the same store and service functions as the CLI."""
