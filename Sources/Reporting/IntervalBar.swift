/// An inline SVG number line showing an estimate and its confidence interval against zero.
struct IntervalBar {
    var estimate: Double
    var low: Double
    var high: Double
    var width = 560
    var height = 84

    /// The bar as an `<svg>` element.
    func svg() -> String {
        let left = 20.0
        let right = Double(self.width) - 20
        let axisY = 52.0
        let values = [0, self.low, self.high, self.estimate].filter(\.isFinite)
        let span = max((values.max() ?? 1) - (values.min() ?? 0), 1e-6)
        let axis = Axis(covering: (values.min() ?? 0) - span * 0.15, (values.max() ?? 1) + span * 0.15, count: 6)
        func px(_ x: Double) -> String { HTMLText.number(axis.position(of: x, from: left, to: right), digits: 1) }
        let above = self.low > 0
        let below = self.high < 0
        let tone = above ? "gain" : below ? "loss" : "unsure"
        let barWidth = max(
            1, axis.position(of: self.high, from: left, to: right) - axis.position(of: self.low, from: left, to: right))
        var svg =
            "<svg class=\"interval\" viewBox=\"0 0 \(self.width) \(self.height)\" width=\"\(self.width)\" "
            + "height=\"\(self.height)\" role=\"img\" aria-label=\"gain and its confidence interval\">\n"
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(axisY)\" x2=\"\(right)\" y2=\"\(axisY)\"/>\n"
        for tick in axis.ticks {
            svg +=
                "<line class=\"tickmark\" x1=\"\(px(tick))\" y1=\"\(axisY)\" x2=\"\(px(tick))\" "
                + "y2=\"\(axisY + 5)\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(px(tick))\" y=\"\(axisY + 18)\" text-anchor=\"middle\">"
                + "\(axis.label(tick))</text>\n"
        }
        svg += "<line class=\"zero\" x1=\"\(px(0))\" y1=\"10\" x2=\"\(px(0))\" y2=\"\(axisY)\"/>\n"
        svg +=
            "<rect class=\"ci \(tone)\" x=\"\(px(self.low))\" y=\"\(axisY - 22)\" "
            + "width=\"\(HTMLText.number(barWidth, digits: 1))\" "
            + "height=\"12\" rx=\"3\"/>\n"
        svg += "<circle class=\"estimate\" cx=\"\(px(self.estimate))\" cy=\"\(axisY - 16)\" r=\"5\"/>\n"
        svg +=
            "<text class=\"ci-label\" x=\"\(px(self.estimate))\" y=\"\(axisY - 28)\" text-anchor=\"middle\">"
            + "\(HTMLText.signed(self.estimate)) [\(HTMLText.signed(self.low)), \(HTMLText.signed(self.high))]</text>\n"
        svg += "</svg>"
        return svg
    }
}
