import HTTPSupport
import Hummingbird
import PromptTraining
import Stages

/// A training request that cannot run: 404 for an unknown base prompt, 422 for values or data the caller must
/// change, 502 when the model failed on every call the gate needed.
extension TrainingRequestError: DetailedHTTPError {
    package var status: HTTPResponse.Status {
        if self.isUnknownPrompt { return .notFound }
        return self.isModelFailure ? .badGateway : .unprocessableContent
    }

    package var detail: String { self.description }
}
