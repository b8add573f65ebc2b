#include "ApplicationIdentity.h"

#include <QCoreApplication>

namespace hookline {

void applyApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Hookline"));
    QCoreApplication::setApplicationName(QStringLiteral("Hookline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKLINE_VERSION));
}

} // namespace hookline
