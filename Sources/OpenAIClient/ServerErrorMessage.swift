import Foundation

/// Finds the human-readable message in an error body from an OpenAI-compatible server.
enum ServerErrorMessage {
    /// The message of `{"error": {"message": ...}}` (OpenAI, llama.cpp), `{"error": "..."}` (Ollama),
    /// `{"message": ...}` (vLLM's `{"object": "error", ...}`) or `{"detail": ...}` (FastAPI), if any.
    static func extract(from bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty,
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else { return nil }
        if let error = object["error"] as? [String: Any], let message = error["message"] as? String {
            return message
        }
        if let message = object["error"] as? String { return message }
        if let message = object["message"] as? String { return message }
        if let detail = object["detail"] as? String { return detail }
        return nil
    }
}
