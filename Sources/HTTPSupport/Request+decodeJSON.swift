import Experiences
import Foundation
import Hummingbird

extension Request {
    /// Decodes the JSON body, leaving decoding errors as they are so ``ErrorMiddleware`` can tell malformed JSON
    /// (400) from a missing or mistyped field (422, naming the field).
    ///
    /// A ``Experiences/PlainJSONDecodable`` value is read by its fast path first, which gives the value Foundation
    /// would or gives up; Foundation decodes what it gives up on, with its errors.
    ///
    /// Use this rather than Hummingbird's `decode(as:context:)`, which turns every decoding error into a 400. A
    /// number that does not fit its field, which Foundation reports as invalid JSON without a field, is located
    /// (``UnfittingNumber``) so it is a 422 that names the field too.
    package func decodeJSON<Value: Decodable>(as type: Value.Type, context: ServiceRequestContext) async throws -> Value
    {
        let data = Data(try await self.body.collect(upTo: context.maxUploadSize).readableBytesView)
        if let plain = Value.self as? any PlainJSONDecodable.Type,
            let value = data.withUnsafeBytes({ PlainJSON(parsing: $0) }).flatMap(plain.init(plainJSON:)) as? Value
        {
            return value
        }
        let decoder = context.requestDecoder
        do {
            return try decoder.decode(type, from: data)
        } catch let error as DecodingError {
            if case .dataCorrupted(let details) = error, details.codingPath.isEmpty,
                let located = UnfittingNumber.locate(in: data, decode: { _ = try decoder.decode(type, from: $0) })
            {
                throw located
            }
            throw error
        }
    }
}
