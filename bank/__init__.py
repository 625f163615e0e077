"""The bundled bank, shipped inside the wheel as the package data `qbank.bundled`."""
