import PatchGeneration
import Testing

/// The ranker's memo of pure results (issue 14) computes a value once while it is kept, and never holds more than
/// its capacity, however many keys a long-running service sees.
struct BoundedCacheTests {
    @Test func aKeptValueIsNotComputedAgainAndTheCacheStaysBounded() {
        let cache = BoundedCache<Int, String>(capacity: 3)
        var computed: [Int] = []
        func value(_ key: Int) -> String {
            cache.value(for: key) {
                computed.append(key)
                return "v\(key)"
            }
        }
        #expect(value(1) == "v1")
        #expect(value(1) == "v1")
        #expect(computed == [1])
        for key in 2...10 { #expect(value(key) == "v\(key)") }
        #expect(cache.count <= 3)
        #expect(value(10) == "v10")
        #expect(computed == Array(1...10))
    }

    @Test func aKeyTheCacheRefusesIsComputedEveryTimeAndNotKept() {
        let cache = BoundedCache<String, Int>(capacity: 8) { $0.utf8.count <= 4 }
        var computations = 0
        func length(_ text: String) -> Int {
            cache.value(for: text) {
                computations += 1
                return text.count
            }
        }
        #expect(length("large text") == 10)
        #expect(length("large text") == 10)
        #expect(computations == 2)
        #expect(length("tiny") == 4)
        #expect(length("tiny") == 4)
        #expect(computations == 3)
        #expect(cache.count == 1)
    }
}
