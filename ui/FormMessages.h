#pragma once

#include <QString>

class QFormLayout;
class QLabel;
class QLayout;
class QVBoxLayout;
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

// A field with its error message right under it.
QVBoxLayout *withError(QWidget *field, QLabel *error);
QVBoxLayout *withError(QLayout *field, QLabel *error);
// A form row whose label's mnemonic (&N) moves focus to `buddy`, with `field` beside it.
void addRow(QFormLayout *form, const QString &text, QWidget *buddy, QLayout *field);
void addRow(QFormLayout *form, const QString &text, QWidget *field);
// A short explanation under a field, smaller and dimmed.
QLabel *makeHint(const QString &text, QWidget *parent);

} // namespace hookline::form
