/// An inline SVG line chart with axes, ticks, labels and one marker circle per point (`class="point"` with
/// `data-series` naming its series, so tests can count them).
struct LineChart {
    /// One line.
    struct Series {
        /// A machine name, used in `data-series`.
        var key: String
        /// The legend's text.
        var name: String
        /// A CSS colour.
        var color: String
        /// The points, in x order.
        var points: [(x: Double, y: Double)]
    }

    /// A vertical dashed line with a label at the top, e.g. where a version was written.
    struct Marker {
        var x: Double
        var label: String
    }

    /// The accessible name of the chart.
    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// A fixed y range, or `nil` to cover the data.
    var yRange: (low: Double, high: Double)?
    var width = 560
    var height = 260
    var markers: [Marker] = []

    /// The chart as an `<svg>` element (HTML5 inline SVG, no namespace URL needed).
    func svg() -> String {
        let left = 58.0
        let right = Double(self.width) - 16
        let top = 26.0
        let bottom = Double(self.height) - 44
        let xs = self.series.flatMap { $0.points.map(\.x) } + self.markers.map(\.x)
        let ys = self.series.flatMap { $0.points.map(\.y) }
        let xAxis = Axis(covering: xs.min() ?? 0, xs.max() ?? 1, count: 8, integers: true)
        let yAxis =
            self.yRange.map { Axis(covering: $0.low, $0.high) }
            ?? Axis(covering: min(ys.min() ?? 0, ys.max() ?? 1), ys.max() ?? 1)
        func px(_ x: Double) -> String { HTMLText.number(xAxis.position(of: x, from: left, to: right), digits: 1) }
        func py(_ y: Double) -> String { HTMLText.number(yAxis.position(of: y, from: bottom, to: top), digits: 1) }

        var svg =
            "<svg class=\"chart\" viewBox=\"0 0 \(self.width) \(self.height)\" width=\"\(self.width)\" "
            + "height=\"\(self.height)\" role=\"img\" aria-label=\"\(HTMLText.escape(self.title))\">\n"
        svg += "<title>\(HTMLText.escape(self.title))</title>\n"
        for tick in yAxis.ticks {
            svg += "<line class=\"grid\" x1=\"\(left)\" y1=\"\(py(tick))\" x2=\"\(right)\" y2=\"\(py(tick))\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(py(tick))\" text-anchor=\"end\" "
                + "dominant-baseline=\"middle\">\(yAxis.label(tick))</text>\n"
        }
        for tick in xAxis.ticks {
            svg +=
                "<line class=\"tickmark\" x1=\"\(px(tick))\" y1=\"\(bottom)\" x2=\"\(px(tick))\" "
                + "y2=\"\(bottom + 5)\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(px(tick))\" y=\"\(bottom + 18)\" text-anchor=\"middle\">"
                + "\(xAxis.label(tick))</text>\n"
        }
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(right)\" y2=\"\(bottom)\"/>"
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(bottom)\"/>\n"
        svg +=
            "<text class=\"axis-label\" x=\"\((left + right) / 2)\" y=\"\(Double(self.height) - 6)\" "
            + "text-anchor=\"middle\">\(HTMLText.escape(self.xLabel))</text>\n"
        svg +=
            "<text class=\"axis-label\" transform=\"translate(14 \((top + bottom) / 2)) rotate(-90)\" "
            + "text-anchor=\"middle\">\(HTMLText.escape(self.yLabel))</text>\n"
        for marker in self.markers {
            svg +=
                "<line class=\"marker\" x1=\"\(px(marker.x))\" y1=\"\(top)\" x2=\"\(px(marker.x))\" "
                + "y2=\"\(bottom)\"/>"
            svg +=
                "<text class=\"marker-label\" x=\"\(px(marker.x))\" y=\"\(top - 8)\" text-anchor=\"middle\">"
                + "\(HTMLText.escape(marker.label))</text>\n"
        }
        for series in self.series {
            let key = HTMLText.escape(series.key)
            let color = HTMLText.escape(series.color)
            let points = series.points.map { "\(px($0.x)),\(py($0.y))" }.joined(separator: " ")
            svg +=
                "<polyline class=\"line\" data-series=\"\(key)\" fill=\"none\" stroke=\"\(color)\" "
                + "points=\"\(points)\"/>\n"
            for point in series.points {
                svg +=
                    "<circle class=\"point\" data-series=\"\(key)\" cx=\"\(px(point.x))\" cy=\"\(py(point.y))\" "
                    + "r=\"3\" fill=\"\(color)\"><title>\(HTMLText.escape(series.name)) at "
                    + "\(HTMLText.number(point.x, digits: 0)): \(HTMLText.number(point.y, digits: 4))"
                    + "</title></circle>\n"
            }
        }
        svg += "</svg>"
        return svg
    }

    /// The legend as HTML: a colour swatch and name per series.
    func legend() -> String {
        let items = self.series.map { series in
            "<span class=\"legend-item\"><span class=\"swatch\" style=\"background:\(HTMLText.escape(series.color))\">"
                + "</span>\(HTMLText.escape(series.name))</span>"
        }
        return "<div class=\"legend\">\(items.joined(separator: " "))</div>"
    }
}
