/**
 * The token screen's 機種変更 notice, word for word as the seed's picture shows it
 * (docs/seed-000-personal.md). The app shows it; the handset help page and BLI002 repeat it.
 */
export const CHANGE_NOTICE = '機種変更を行う場合は、端末の変更前に、ご利用のサービスからワンタイムパスワードの利用解除を行なってください。';
