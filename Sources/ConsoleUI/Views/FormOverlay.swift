/// A form: labelled fields, the cursor shown as a reversed cell, the error if the last
/// submission was refused.
enum FormOverlay {
    static func draw(_ state: AppState, _ form: Form, _ canvas: inout Canvas) {
        let height = form.fields.count * 2 + 6
        let r = Screen.overlayRect(state, width: 76, height: height)
        let inner = canvas.box(r, title: form.title, focused: true)
        canvas.text(canvas.fit(form.subtitle, inner.width - 2), in: inner, row: 0, column: 1, style: Style(.dim))
        let labelWidth = (form.fields.map { CharacterWidth.of($0.label) }.max() ?? 6) + 2
        for (index, field) in form.fields.enumerated() {
            let row = 2 + index * 2
            let focused = index == form.focused
            canvas.text(
                CharacterWidth.pad(field.label + (field.required ? "*" : ""), labelWidth), in: inner, row: row,
                column: 1, style: Style(.key, bold: focused))
            let boxWidth = inner.width - labelWidth - 3
            let x = inner.x + labelWidth + 2
            canvas.grid.fill(x: x, y: inner.y + row, width: boxWidth, height: 1, style: Style(.input, underline: true))
            drawInput(field.input, focused: focused, x: x, y: inner.y + row, width: boxWidth, &canvas)
        }
        let hintRow = 2 + form.fields.count * 2
        if let error = form.error {
            canvas.text(
                canvas.fit(error, inner.width - 2), in: inner, row: hintRow, column: 1,
                style: Style(.breached, bold: true))
        } else {
            let hint: String
            if case .report = form.kind {
                hint = "Enter writes the file · Esc cancel"
            } else {
                hint = "Enter writes it to the journal · Tab next field · Esc cancel"
            }
            canvas.text(canvas.fit(hint, inner.width - 2), in: inner, row: hintRow, column: 1, style: Style(.dim))
        }
    }

    /// The visible part of the text, scrolled so the cursor stays in view.
    private static func drawInput(_ input: TextField, focused: Bool, x: Int, y: Int, width: Int, _ canvas: inout Canvas)
    {
        let chars = input.characters
        // Back from the cursor as far as fits: the cost is the width, not the text's length.
        var start = input.cursor
        var used = 0
        while start > 0, used + CharacterWidth.of(chars[start - 1]) <= width - 2 {
            start -= 1
            used += CharacterWidth.of(chars[start])
        }
        var col = x
        for (offset, ch) in chars[start...].enumerated() {
            let w = CharacterWidth.of(ch)
            if col + w > x + width { break }
            let atCursor = focused && start + offset == input.cursor
            col = canvas.grid.put(
                String(ch), x: col, y: y, style: Style(.input, reverse: atCursor, underline: !atCursor),
                limit: x + width)
        }
        if focused && input.cursor == chars.count && col < x + width {
            canvas.grid.put(" ", x: col, y: y, style: Style(.input, reverse: true))
        }
    }
}
