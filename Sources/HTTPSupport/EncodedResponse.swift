import Hummingbird

/// A JSON answer with a chosen status (e.g. 201, 202), encoded with the context's encoder.
package struct EncodedResponse<Value: Encodable & Sendable>: ResponseGenerator, Sendable {
    package var value: Value
    package var status: HTTPResponse.Status

    package init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try context.responseEncoder.encode(self.value, from: request, context: context)
        response.status = self.status
        return response
    }
}
