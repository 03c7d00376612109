import RLTraining
import Synchronization

/// Collects the curve as steps complete (the progress callback is called from the training task only).
final class CurveBox: Sendable {
    private let points = Mutex<[TrainingCurvePoint]>([])

    func append(_ point: TrainingCurvePoint) -> [TrainingCurvePoint] {
        self.points.withLock {
            $0.append(point)
            return $0
        }
    }
}
