#pragma once

#include <QMessageBox>
#include <QString>

class QWidget;

namespace hookline {

// Confirmations and error boxes go through here, so a test can answer them instead of a person
// (setNextAnswer), the way KeePassXC's MessageBox does.
class MessageBoxes {
public:
    // Asks and waits for the answer. `confirmText` renames the Yes button ("Delete", "Rotate").
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title,
                                                const QString &text, const QString &informativeText,
                                                const QString &confirmText);
    // Shows an error without waiting for it to be dismissed.
    static void critical(QWidget *parent, const QString &title, const QString &text,
                         const QString &informativeText = {});

    // The next box is not shown; it answers `button` at once.
    static void setNextAnswer(QMessageBox::StandardButton button);

private:
    static QMessageBox::StandardButton s_nextAnswer;
};

} // namespace hookline
