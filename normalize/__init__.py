"""From structure to clean values and files: OCR repair, Danish numbers, writers. Never opens a PDF."""
