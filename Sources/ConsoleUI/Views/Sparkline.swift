/// A row of block characters for recent values, oldest on the left, scaled between `low` and
/// `high` (or the values' own range); under ASCII, a ramp of plain characters.
enum Sparkline {
    static let blocks = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiRamp = ["_", ".", "-", "~", "=", "+", "*", "#"]

    static func draw(_ values: [Double], width: Int, low: Double? = nil, high: Double? = nil, ascii: Bool) -> String {
        let shown = values.suffix(max(0, width))
        guard let minValue = low ?? shown.min(), let maxValue = high ?? shown.max() else { return "" }
        let ramp = ascii ? asciiRamp : blocks
        let span = maxValue - minValue
        return shown.map { value -> String in
            guard span > 0 else { return ramp[ramp.count / 2] }
            let fraction = min(max((value - minValue) / span, 0), 1)
            return ramp[Int((fraction * Double(ramp.count - 1)).rounded())]
        }.joined()
    }
}
