import Experiences
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// An ``HTTPSupport/EncodedResponse`` of a ``Experiences/SortedJSONWritable`` value answers what the Foundation
/// encoder would: the same status, headers and bytes; and a number JSON cannot hold gets the same error answer as
/// from Foundation's encoder.
struct SortedJSONResponseTests {
    struct Reading: Encodable, SortedJSONWritable {
        var name: String
        var value: Double

        func write(to writer: inout SortedJSONWriter) throws {
            writer.beginObject()
            writer.member("name", self.name)
            try writer.member("value", self.value)
            writer.endObject()
        }
    }

    /// The same shape, written only by Foundation.
    struct PlainReading: Encodable {
        var name: String
        var value: Double
    }

    static let routes = ServiceRoutes(
        paths: [:],
        register: { router in
            router.get("written/:value") { _, context in
                EncodedResponse(
                    Reading(name: "a/b \"c\"\n", value: Double(context.parameters.get("value")!)!), status: .created)
            }
            router.get("plain/:value") { _, context in
                EncodedResponse(
                    PlainReading(name: "a/b \"c\"\n", value: Double(context.parameters.get("value")!)!),
                    status: .created)
            }
        }
    )

    @Test(arguments: ["0.25", "1", "nan", "inf"])
    func aWrittenAnswerIsTheEncodedOne(_ value: String) async throws {
        let app = buildApplication(
            service: .ranker, configuration: ServiceConfiguration(service: .ranker), routes: Self.routes,
            logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let written = try await client.execute(uri: "/written/\(value)", method: .get)
            let plain = try await client.execute(uri: "/plain/\(value)", method: .get)
            #expect(written.status == plain.status)
            #expect(written.status == (Double(value)!.isFinite ? .created : .internalServerError))
            #expect(written.headers[.contentType] == plain.headers[.contentType])
            #expect(written.headers[.contentLength] == plain.headers[.contentLength])
            if Double(value)!.isFinite {
                #expect(String(buffer: written.body) == String(buffer: plain.body))
            }
        }
    }
}
