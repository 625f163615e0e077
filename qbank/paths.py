"""Where the project's own files are: the bundled bank, the templates and the fonts."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
TEMPLATES = ROOT / "templates"
FONTS = PACKAGE / "fonts"
DEFAULT_BANK = ROOT / "bank" / "ai-cybersecurity-analyst.yaml"
DEFAULT_OUT = Path("output")
