import Configuration
import OpenAIClient
import Testing

/// The client's configuration reads its own keys, and takes its own defaults for absent ones (the CLI restates none).
struct ConfigurationReaderTests {
    @Test func absentKeysTakeTheTypesDefaults() {
        let read = OpenAIClientConfiguration(
            baseURL: "http://127.0.0.1:9/v1", model: "m", reader: ConfigReader(provider: InMemoryProvider(values: [:])))
        #expect(read == OpenAIClientConfiguration(baseURL: "http://127.0.0.1:9/v1", model: "m"))
    }

    @Test func keysOverrideTheDefaults() {
        let reader = ConfigReader(
            provider: InMemoryProvider(values: [
                "apiKey": .init(.string("k"), isSecret: true), "timeout": 5, "timeoutPerToken": 0.25,
                "maxConcurrency": 0,
                "maxRetries": -3, "maxChoicesPerRequest": 1,
            ]))
        let read = OpenAIClientConfiguration(baseURL: "http://127.0.0.1:9/v1", model: "m", reader: reader)
        #expect(read.apiKey == "k")
        #expect(read.requestTimeout == .seconds(5))
        #expect(read.timeoutPerToken == .milliseconds(250))
        #expect(read.maxConcurrentRequests == 1)
        #expect(read.maxRetries == 0)
        #expect(read.maxChoicesPerRequest == 1)
    }
}
