#include "ApplicationIdentity.h"
#include "CliApp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    hookline::applyApplicationIdentity();
    hookline::cli::CliApp cli(QCoreApplication::arguments());
    return cli.run();
}
