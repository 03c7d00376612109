import ArgumentParser
import Experiences

/// `kaizen experiences import --format auto|experience|chat`.
extension ImportFormat: ExpressibleByArgument {}
