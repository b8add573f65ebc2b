#include "MessageBoxes.h"

#include <QPushButton>

namespace hookline {

QMessageBox::StandardButton MessageBoxes::s_nextAnswer = QMessageBox::NoButton;

void MessageBoxes::setNextAnswer(QMessageBox::StandardButton button)
{
    s_nextAnswer = button;
}

QMessageBox::StandardButton MessageBoxes::question(QWidget *parent, const QString &title,
                                                   const QString &text,
                                                   const QString &informativeText,
                                                   const QString &confirmText)
{
    if (s_nextAnswer != QMessageBox::NoButton) {
        const auto answer = s_nextAnswer;
        s_nextAnswer = QMessageBox::NoButton;
        return answer;
    }
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Yes | QMessageBox::Cancel,
                    parent);
    box.setInformativeText(informativeText);
    if (!confirmText.isEmpty())
        box.button(QMessageBox::Yes)->setText(confirmText);
    // A slip of the Enter key must not destroy anything.
    box.setDefaultButton(QMessageBox::Cancel);
    box.setEscapeButton(QMessageBox::Cancel);
    return QMessageBox::StandardButton(box.exec());
}

void MessageBoxes::critical(QWidget *parent, const QString &title, const QString &text,
                            const QString &informativeText)
{
    if (s_nextAnswer != QMessageBox::NoButton) {
        s_nextAnswer = QMessageBox::NoButton;
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Close, parent);
    box->setInformativeText(informativeText);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setObjectName(QStringLiteral("errorBox"));
    box->open();
}

} // namespace hookline
