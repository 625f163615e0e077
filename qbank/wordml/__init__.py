"""The Word kit, twin of the PDF kit (qbank/pdf.py): what every DOCX qbank writes shares.

- `theme`: the look of a document (page, fonts, colours, styles) from templates/packet/theme.toml
- `wml`: WordprocessingML written as text (paragraphs, runs, tick boxes, fields, tables)
- `tables`: column widths from the theme, head cells
- `document`: the frame (styles, page, footer) and saving with every date pinned
- `properties`: custom document properties, written and read back
- `fit`: how much of a page a question's block takes, estimated from font metrics

The interviewer packet and the debrief both write through it.
"""
