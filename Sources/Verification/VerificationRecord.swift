import Experiences

/// One line of `kaizen verify FILE.jsonl`: `{"id"?, "input", "context"?, "response", "reference"?, "metadata"?}`.
///
/// Other keys (e.g. a full experience's `reward`) are ignored, so experience files can be verified as they are.
package struct VerificationRecord: Sendable, Hashable, Codable {
    /// An id to copy into the verdict.
    package var id: String?
    /// The user's turn (or dialogue history).
    package var input: String
    /// Retrieved knowledge, if any.
    package var context: String?
    /// The response to verify.
    package var response: String
    /// A gold answer, if any.
    package var reference: String?
    /// Metadata such as `format` or `length_budget`.
    package var metadata: [String: JSONValue]?

    /// Creates a record.
    package init(
        id: String? = nil,
        input: String,
        context: String? = nil,
        response: String,
        reference: String? = nil,
        metadata: [String: JSONValue]? = nil
    ) {
        self.id = id
        self.input = input
        self.context = context
        self.response = response
        self.reference = reference
        self.metadata = metadata
    }

    /// The record as an experience (empty id when it had none; reward and success unset).
    package var experience: Experience {
        Experience(
            id: self.id ?? "", input: self.input, context: self.context, response: self.response,
            reference: self.reference, metadata: self.metadata ?? [:])
    }
}
