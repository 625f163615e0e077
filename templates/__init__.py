"""The built-in look, shipped inside the wheel as the package data `qbank.templates`."""
