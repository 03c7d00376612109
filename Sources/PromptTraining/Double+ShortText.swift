extension Double {
    /// The number as a person writes a bound: `10`, not `10.0`; `0.25` as it is.
    package var shortText: String {
        if self.rounded() == self, abs(self) < 1e15 { return String(Int(self)) }
        return "\(self)"
    }
}
