#include "ExportFileDialog.h"

#include "MessageBoxes.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QStandardPaths>

namespace hookline {

std::optional<ExportFileDialog::Choice> ExportFileDialog::s_next;

void ExportFileDialog::setNextAnswer(const Choice &choice)
{
    s_next = choice;
}

ExportFileDialog::Choice ExportFileDialog::ask(QWidget *parent, const QString &title,
                                               const QString &suggestedName)
{
    if (s_next) {
        const Choice answer = *s_next;
        s_next.reset();
        return answer;
    }
    const QString jsonl = tr("JSON Lines (*.jsonl)");
    const QString har = tr("HAR 1.2 (*.har)");
    QString selected = jsonl;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    const QString path = QFileDialog::getSaveFileName(
        parent, title, QDir(dir).filePath(suggestedName + QStringLiteral(".jsonl")),
        jsonl + QStringLiteral(";;") + har, &selected);
    if (path.isEmpty())
        return {};
    Choice choice;
    const QString suffix = QFileInfo(path).suffix().toLower();
    // The extension typed wins over the file type left selected.
    if (suffix == QLatin1String("har"))
        choice.format = ExportFormat::Har;
    else if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson"))
        choice.format = ExportFormat::JsonLines;
    else
        choice.format = selected == har ? ExportFormat::Har : ExportFormat::JsonLines;
    choice.path = path;
    if (suffix.isEmpty()) {
        choice.path +=
            choice.format == ExportFormat::Har ? QStringLiteral(".har") : QStringLiteral(".jsonl");
        // The file dialog asked about the name as typed, not with the extension added here.
        if (QFileInfo::exists(choice.path) &&
            MessageBoxes::question(
                parent, title, tr("%1 already exists.").arg(QFileInfo(choice.path).fileName()),
                tr("Replace it with this export?"), tr("Replace")) != QMessageBox::Yes)
            return {};
    }
    return choice;
}

} // namespace hookline
