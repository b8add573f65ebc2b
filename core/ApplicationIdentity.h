#pragma once

namespace hookline {

// Sets the organization, application name and version on QCoreApplication. Both executables
// call it first: the default database, the key file and the settings live under the folders
// these names select, so the GUI and the CLI must agree on them.
void applyApplicationIdentity();

} // namespace hookline
