/// What a server answered to a ``ChatTransportRequest``: status, headers and the complete body.
package struct ChatTransportResponse: Sendable, Hashable {
    /// The HTTP status code, e.g. 200 or 429.
    package var status: Int
    /// Response headers, names lowercased; repeated headers are joined with `", "`.
    package var headers: [String: String]
    /// The complete body (possibly empty).
    package var body: [UInt8]

    /// Creates a response; header names are lowercased (a later duplicate is joined to the earlier value).
    package init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        var lowercased: [String: String] = [:]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            let key = name.lowercased()
            lowercased[key] = lowercased[key].map { "\($0), \(value)" } ?? value
        }
        self.headers = lowercased
        self.body = body
    }

    /// A response whose body is `text` in UTF-8.
    package init(status: Int, headers: [String: String] = [:], text: String) {
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }

    /// The value of header `name` (case-insensitive), if present.
    package func header(_ name: String) -> String? {
        self.headers[name.lowercased()]
    }
}
