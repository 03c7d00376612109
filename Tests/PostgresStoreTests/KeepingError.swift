/// Runs `body` and keeps its result or error, so a test can clean up its schemas and servers before it reports the
/// error.
func keepingError<Value>(_ body: () async throws -> Value) async -> Result<Value, any Error> {
    do {
        return .success(try await body())
    } catch {
        return .failure(error)
    }
}
