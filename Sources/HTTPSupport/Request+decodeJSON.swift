import Hummingbird

extension Request {
    /// Decodes the JSON body, leaving decoding errors as they are so ``ErrorMiddleware`` can tell malformed JSON
    /// (400) from a missing or mistyped field (422, naming the field).
    ///
    /// Use this rather than Hummingbird's `decode(as:context:)`, which turns every decoding error into a 400.
    package func decodeJSON<Value: Decodable>(as type: Value.Type, context: ServiceRequestContext) async throws -> Value
    {
        try await context.requestDecoder.decode(type, from: self, context: context)
    }
}
