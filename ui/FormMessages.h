#pragma once

#include <QString>

class QLabel;
class QWidget;

namespace hookline::form {

// A small red message under a field; hidden while empty.
QLabel *makeErrorLabel(QWidget *parent, const QString &objectName);
void showError(QLabel *label, const QString &message);
// A banner across the top of a dialog for errors only the database knows; hidden while empty.
QLabel *makeBanner(QWidget *parent);
void showBanner(QLabel *banner, const QString &message);
// Core messages are sentences for logs; start them with a capital for the form.
QString sentence(const QString &message);

} // namespace hookline::form
