#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QToolButton;

namespace hookline {

// What Hookline is and what it runs on: version, license (with its full text on request), the
// Qt it uses, the database in use (with a way to open its folder) and how secrets are protected.
class AboutDialog final : public QDialog {
    Q_OBJECT

public:
    // `databasePath` empty: no database is open yet. `protection`: how secrets are protected
    // (RegistryClient::protectionDescription()).
    AboutDialog(const QString &databasePath, const QString &protection, QWidget *parent = nullptr);

    // The text of the LICENSE file the application carries.
    static QString licenseText();
    // The version line, e.g. "Version 0.1.0".
    static QString versionText();

private:
    void setLicenseShown(bool shown);
    void openDatabaseFolder();

    QString m_databasePath;
    QToolButton *m_licenseToggle = nullptr;
    QPlainTextEdit *m_license = nullptr;
    QLineEdit *m_database = nullptr;
    QPushButton *m_openFolder = nullptr;
};

} // namespace hookline
