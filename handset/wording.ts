/**
 * The token app's fixed wording, shared by every runtime (and a model for the Java twin). The 機種変更
 * notice is word for word the seed's token screen (docs/seed-000-personal.md); the handset help page
 * and BLI002 repeat it.
 */
export const CHANGE_NOTICE = '機種変更を行う場合は、端末の変更前に、ご利用のサービスからワンタイムパスワードの利用解除を行なってください。';

export const COPIED = 'コピーしました';
export const COPY_FAILED = 'コピーできませんでした';

/** The terms 初期設定 asks the customer to agree to (「上記内容に同意する」). */
export const TERMS = [
  '本アプリは、インターネットバンキングのワンタイムパスワードを携帯電話に表示するためのアプリです。',
  'サービスID・ユーザID・利用開始パスワード、および表示されたワンタイムパスワードは、他人に教えないでください。',
  'ワンタイムパスワードは一定時間ごとに変わり、一度使用したパスワードは再度使用できません。',
  CHANGE_NOTICE,
  '携帯電話を紛失した場合、盗難にあった場合は、直ちにお取引の金融機関へご連絡ください。',
  '本アプリのダウンロード・ご利用にかかる通信料は、お客様のご負担となります。',
  '本アプリの利用に関して生じた損害については、金融機関に故意または重大な過失がある場合を除き、責任を負いかねます。',
];

/** The help screen: 利用解除 comes before deleting the token, as the token screen's notice says. */
export const HELP = [
  'ワンタイムパスワードは一定時間ごとに変わります。表示中のパスワードをインターネットバンキングの画面に入力してください。',
  '1キーで最新のパスワードを表示します。COPYでパスワードをコピーできます。',
  `■機種変更・トークン再発行 ${CHANGE_NOTICE}利用解除の後、設定→トークン削除でこのトークンを削除してください。`,
  '■携帯電話の紛失・故障 お取引の金融機関へご連絡ください。金融機関でワンタイムパスワードの利用を解除します。',
];

/** The business app's terms: it enrols itself, so they speak of the serial and the administrator. */
export const BIZ_TERMS = [
  '本アプリは、法人インターネットバンキングのワンタイムパスワードを携帯電話に表示するためのアプリです。',
  '「送信」を押すとトークンが作成され、シリアル番号が表示されます。シリアル番号を貴社の管理者の方にお知らせください。管理者の方が登録すると利用できます。',
  'ワンタイムパスワードは一定時間ごとに変わり、一度使用したパスワードは再度使用できません。',
  '携帯電話を紛失した場合、盗難にあった場合は、直ちにお取引店舗へご連絡ください。',
  '本アプリのダウンロード・ご利用にかかる通信料は、お客様のご負担となります。',
];

export const BIZ_HELP_TITLE = 'シリアル番号およびワンタイムパスワードの確認方法';

/** The business app's help page (seed 004: the administrator types the serial and the code). */
export const BIZ_HELP = [
  '■シリアル番号 アプリの画面に表示されている半角英数12文字です。トークンの登録・交換のとき、管理者の方が入力します。',
  '■ワンタイムパスワード 画面に表示されている6桁の数字です。「1」ボタンを押すと最新のパスワードを表示します。',
  '同じパスワードは連続して使用できません。新たなパスワードはしばらくしてから「1」ボタンを押すことで表示されます（15秒～30秒ほどかかります）。',
  '■トークンがお手元にない場合 お取引店舗に届出が必要となります。',
];
