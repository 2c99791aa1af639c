"""Records the app ships for administrators to shape (shipped.py), and the registry of what it wrote."""
