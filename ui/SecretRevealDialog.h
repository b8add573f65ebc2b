#pragma once

#include <QDialog>

#include <optional>

class QCheckBox;
class QLineEdit;
class QPushButton;

namespace hookline {

// Shows a newly created or rotated signing secret, once. It cannot be dismissed until the user
// confirms they stored it, and it forgets the secret as soon as it closes.
class SecretRevealDialog final : public QDialog {
    Q_OBJECT

public:
    // `previousValidUntilMs`: after a rotation, when the previous secret stops verifying.
    SecretRevealDialog(const QString &webhookName, const QString &secret,
                       std::optional<qint64> previousValidUntilMs, QWidget *parent = nullptr);
    ~SecretRevealDialog() override;

    void done(int result) override;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void copy();
    void forgetSecret();

    QString m_secret;
    QLineEdit *m_secretEdit = nullptr;
    QPushButton *m_copy = nullptr;
    QCheckBox *m_stored = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace hookline
