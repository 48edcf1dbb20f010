"""The output contract: pydantic models and the JSON Schemas generated from them.

A leaf package: it imports nothing else from the project.
"""
