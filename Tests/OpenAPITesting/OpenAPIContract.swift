import Experiences
import Foundation

/// A service's OpenAPI document, asked what an answer should look like: which operation a request reached, which
/// statuses it documents, and whether a body matches the documented schema.
package struct OpenAPIContract: Sendable {
    package let document: JSONValue
    let validator: JSONSchemaValidator

    package init(document: JSONValue) {
        self.document = document
        self.validator = JSONSchemaValidator(document: document)
    }

    /// The documented path (`/api/v1/clusterings/{id}`) that `uri` (`/api/v1/clusterings/clu-1?x=1`) matches, if any.
    package func documentedPath(for uri: String) -> String? {
        let path = uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? uri
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let candidates = (self.document["paths"]?.objectValue ?? [:]).keys.filter { template in
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == segments.count
                && zip(parts, segments).allSatisfy { part, segment in
                    part == segment || (part.hasPrefix("{") && part.hasSuffix("}") && !segment.isEmpty)
                }
        }
        // A literal segment wins over a parameter, as the router matches (`/prompts/latest` before `/prompts/{id}`).
        return candidates.min { $0.filter { $0 == "{" }.count < $1.filter { $0 == "{" }.count }
    }

    /// Every way an answer breaks the document: a status the operation does not list, or a JSON body that does not
    /// match the listed schema. An undocumented path or method is not this check's business (the router's 404 and
    /// 405 are not part of any operation).
    package func violations(method: String, uri: String, status: Int, contentType: String?, body: Data) -> [String] {
        guard let path = self.documentedPath(for: uri),
            let operation = self.document["paths"]?[path]?[method.lowercased()]
        else { return [] }
        let name = "\(method.uppercased()) \(path) → \(status)"
        guard let response = operation["responses"]?[String(status)] else {
            return ["\(name): status \(status) is not documented"]
        }
        guard let schema = response["content"]?["application/json"]?["schema"] else { return [] }
        guard contentType?.hasPrefix("application/json") == true else {
            return ["\(name): documented as JSON, answered with content type \(contentType ?? "none")"]
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            return ["\(name): the body is not JSON"]
        }
        return self.validator.violations(of: value, against: schema).map { "\(name): \($0)" }
    }
}
