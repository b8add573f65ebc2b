#include "ApplicationIdentity.h"
#include "CliApp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    // A console program has no use for GLib's main loop, and Qt's own Unix event dispatcher
    // turns socket notifiers on and off (twice per answered request in `receive`) for a
    // fraction of the cost. Set before the application object creates its dispatcher.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    hookline::applyApplicationIdentity();
    hookline::cli::CliApp cli(QCoreApplication::arguments());
    return cli.run();
}
