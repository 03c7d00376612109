/// How one HTTP attempt ended, as the retry loop of ``OpenAIClient`` sees it.
enum AttemptOutcome: Sendable {
    /// A readable 2xx answer.
    case answer(ChatCompletionAnswer)
    /// A failure worth retrying (timeout, connection, 408/429/5xx, malformed 2xx), with the server's
    /// `Retry-After` when it gave one.
    case retryable(String, retryAfter: Duration?)
    /// A failure no retry will fix (other 4xx, oversized answer).
    case fatal(String)
    /// The server refused a call asking for `n > 1` outputs and said why (e.g. llama.cpp's "Only one completion
    /// choice is allowed"); asking for one output per call may work.
    case choicesRejected(String)
}
