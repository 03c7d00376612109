import Randomness

extension SplitMix64 {
    /// A uniform index in `0..<count`; `count` must be positive.
    mutating func index(below count: Int) -> Int {
        precondition(count > 0, "nothing to choose from")
        return min(count - 1, Int(self.nextUnitDouble() * Double(count)))
    }

    /// A uniform whole number in `range`.
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + self.index(below: range.count)
    }

    /// A uniform element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[self.index(below: elements.count)]
    }

    /// The elements in a uniformly random order (Fisher-Yates).
    mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
        var result = elements
        var index = result.count - 1
        while index > 0 {
            result.swapAt(index, self.index(below: index + 1))
            index -= 1
        }
        return result
    }
}
