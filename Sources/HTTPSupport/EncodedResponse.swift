import Experiences
import Hummingbird

/// A JSON answer with a chosen status (e.g. 201, 202), encoded with the context's encoder, or written by hand when
/// the value is ``Experiences/SortedJSONWritable`` (the same bytes, a fraction of the CPU).
package struct EncodedResponse<Value: Encodable & Sendable>: ResponseGenerator, Sendable {
    package var value: Value
    package var status: HTTPResponse.Status

    package init(_ value: Value, status: HTTPResponse.Status = .ok) {
        self.value = value
        self.status = status
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        if let writable = self.value as? any SortedJSONWritable {
            var writer = SortedJSONWriter()
            do {
                try writable.write(to: &writer)
                let headers: HTTPFields = [
                    .contentType: "application/json; charset=utf-8", .contentLength: "\(writer.bytes.count)",
                ]
                return Response(
                    status: self.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: writer.bytes)))
            } catch is SortedJSONWriter.NonFiniteNumber {
                // Foundation's encoder says which field holds the number; its error is the one to report.
            }
        }
        var response = try context.responseEncoder.encode(self.value, from: request, context: context)
        response.status = self.status
        return response
    }
}
