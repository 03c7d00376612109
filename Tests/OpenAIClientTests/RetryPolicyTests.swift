import Foundation
import OpenAIClient
import Testing

struct RetryPolicyTests {
    private let policy = RetryPolicy(
        maxRetries: 6,
        initialBackoff: .milliseconds(500),
        maxBackoff: .seconds(20),
        maxRetryAfter: .seconds(60)
    )

    @Test func ceilingDoublesUntilTheCap() {
        let ceilings = (0..<8).map { self.policy.ceiling(afterRetries: $0) }
        #expect(
            ceilings == [
                .milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(20),
                .seconds(20),
            ]
        )
        #expect(self.policy.ceiling(afterRetries: 10_000) == .seconds(20))
    }

    @Test func fullJitterSpansZeroToTheCeiling() {
        #expect(self.policy.delay(afterRetries: 2, retryAfter: nil, unit: 0) == .zero)
        #expect(self.policy.delay(afterRetries: 2, retryAfter: nil, unit: 0.25) == .milliseconds(500))
        #expect(self.policy.delay(afterRetries: 2, retryAfter: nil, unit: 0.999) ?? .zero < .seconds(2))
        #expect(self.policy.delay(afterRetries: 2, retryAfter: nil, unit: 7) == .seconds(2))
        #expect(self.policy.delay(afterRetries: 2, retryAfter: nil, unit: .nan) == .zero)
    }

    @Test func retriesRunOut() {
        #expect(self.policy.delay(afterRetries: 5, retryAfter: nil, unit: 0.5) != nil)
        #expect(self.policy.delay(afterRetries: 6, retryAfter: nil, unit: 0.5) == nil)
        var none = self.policy
        none.maxRetries = 0
        #expect(none.delay(afterRetries: 0, retryAfter: .seconds(1), unit: 0.5) == nil)
    }

    @Test func retryAfterIsExactButCapped() {
        #expect(self.policy.delay(afterRetries: 0, retryAfter: .seconds(45), unit: 0.1) == .seconds(45))
        #expect(self.policy.delay(afterRetries: 0, retryAfter: .seconds(3600), unit: 0.1) == .seconds(60))
        #expect(self.policy.delay(afterRetries: 0, retryAfter: .zero, unit: 0.1) == .zero)
    }

    @Test(arguments: [
        (408, true), (429, true), (500, true), (502, true), (503, true), (599, true),
        (400, false), (401, false), (403, false), (404, false), (409, false), (422, false), (301, false),
    ])
    func retryableStatuses(status: Int, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == retryable)
    }

    @Test func configurationBuildsThePolicyAndURL() {
        let configuration = OpenAIClientConfiguration(baseURL: "http://127.0.0.1:11434/v1//", maxRetries: 2)
        #expect(configuration.chatCompletionsURL == "http://127.0.0.1:11434/v1/chat/completions")
        #expect(
            configuration.retryPolicy
                == RetryPolicy(
                    maxRetries: 2,
                    initialBackoff: .milliseconds(500),
                    maxBackoff: .seconds(20),
                    maxRetryAfter: .seconds(60)
                )
        )
        let defaults = OpenAIClientConfiguration()
        #expect(defaults.baseURL == "http://127.0.0.1:8000/v1")
        #expect(defaults.requestTimeout == .seconds(60))
        #expect(defaults.maxConcurrentRequests == 8)
        #expect(defaults.maxRetries == 4)
        #expect(defaults.apiKey == nil)
    }
}

struct RetryAfterTests {
    private let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    @Test(arguments: [
        ("120", Duration.seconds(120)), ("0", .zero), (" 7 ", .seconds(7)), ("1.5", .milliseconds(1500)),
    ])
    func seconds(value: String, expected: Duration) {
        #expect(RetryAfter.delay(value, now: self.now) == expected)
    }

    @Test(arguments: ["", "-1", "soon", "1e3", "12abc"])
    func unusableValues(value: String) {
        #expect(RetryAfter.delay(value, now: self.now) == nil)
    }

    @Test func httpDatesInAllThreeForms() {
        #expect(RetryAfter.delay("Sun, 06 Nov 1994 08:49:47 GMT", now: self.now) == .seconds(10))
        #expect(RetryAfter.delay("Sunday, 06-Nov-94 08:49:57 GMT", now: self.now) == .seconds(20))
        #expect(RetryAfter.delay("Sun Nov  6 08:50:07 1994", now: self.now) == .seconds(30))
    }

    @Test func pastDatesMeanNow() {
        #expect(RetryAfter.delay("Sun, 06 Nov 1994 08:00:00 GMT", now: self.now) == .zero)
    }
}
