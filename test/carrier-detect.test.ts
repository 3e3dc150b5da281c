import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';

/** [user agent, carrier, model, au device id, page budget in KB] */
type Row = [string, string, string | null, string | null, number];
const KB = 1024;

// docomo: HTTP::MobileAgent t/02_docomo.t (yoshiki/HTTP-MobileAgent), plus carriers.md examples
// (docomo "ユーザエージェント" developer page: SO506iC, P07A). Cache without a `c` field is 5 KB.
const docomo: Row[] = [
  ['DoCoMo/1.0/D501i', 'docomo', 'D501i', null, 5],
  ['DoCoMo/1.0/D502i', 'docomo', 'D502i', null, 5],
  ['DoCoMo/1.0/D502i/c10', 'docomo', 'D502i', null, 10],
  ['DoCoMo/1.0/D210i/c10', 'docomo', 'D210i', null, 10],
  ['DoCoMo/1.0/SO503i/c10', 'docomo', 'SO503i', null, 10],
  ['DoCoMo/1.0/D211i/c10', 'docomo', 'D211i', null, 10],
  ['DoCoMo/1.0/SH251i/c10', 'docomo', 'SH251i', null, 10],
  ['DoCoMo/1.0/R692i/c10', 'docomo', 'R692i', null, 10],
  ['DoCoMo/2.0 P2101V(c100)', 'docomo', 'P2101V', null, 100],
  ['DoCoMo/2.0 N2001(c10)', 'docomo', 'N2001', null, 10],
  ['DoCoMo/2.0 N2002(c100)', 'docomo', 'N2002', null, 100],
  ['DoCoMo/2.0 D2101V(c100)', 'docomo', 'D2101V', null, 100],
  ['DoCoMo/2.0 P2002(c100)', 'docomo', 'P2002', null, 100],
  ['DoCoMo/2.0 MST_v_SH2101V(c100)', 'docomo', 'SH2101V', null, 100],
  ['DoCoMo/2.0 MST_v_P2101V(c100)', 'docomo', 'P2101V', null, 100],
  ['DoCoMo/2.0 T2101V(c100)', 'docomo', 'T2101V', null, 100],
  ['DoCoMo/1.0/D504i/c10', 'docomo', 'D504i', null, 10],
  ['DoCoMo/1.0/D504i/c30/TD', 'docomo', 'D504i', null, 30],
  ['DoCoMo/1.0/D504i/c10/TJ', 'docomo', 'D504i', null, 10],
  ['DoCoMo/1.0/F504i/c10/TB', 'docomo', 'F504i', null, 10],
  ['DoCoMo/1.0/D251i/c10', 'docomo', 'D251i', null, 10],
  ['DoCoMo/1.0/F251i/c10/TB', 'docomo', 'F251i', null, 10],
  ['DoCoMo/1.0/F671iS/c10/TB', 'docomo', 'F671iS', null, 10],
  ['DoCoMo/1.0/P503i/c10/serNMABH200331', 'docomo', 'P503i', null, 10],
  ['DoCoMo/2.0 N2001(c10;ser0123456789abcde;icc01234567890123456789)', 'docomo', 'N2001', null, 10],
  ['DoCoMo/2.0 N2001(c10;ser350200000307969;icc8981100000200188565F)', 'docomo', 'N2001', null, 10],
  ['DoCoMo/1.0/eggy/c300/s32/kPHS-K', 'docomo', 'eggy', null, 300],
  ['DoCoMo/1.0/P751v/c100/s64/kPHS-K', 'docomo', 'P751v', null, 100],
  ['DoCoMo/1.0/P209is (Google CHTML Proxy/1.0)', 'docomo', 'P209is', null, 5],
  ['DoCoMo/1.0/P502i/c10 (Google CHTML Proxy/1.0)', 'docomo', 'P502i', null, 10],
  ['DoCoMo/1.0/F212i/c10/TB', 'docomo', 'F212i', null, 10],
  ['DoCoMo/2.0 N2051(c100;TB)', 'docomo', 'N2051', null, 100],
  ['DoCoMo/1.0/D505i/c20/TC/W20H10', 'docomo', 'D505i', null, 20],
  ['DoCoMo/1.0/F661i/c10/TB', 'docomo', 'F661i', null, 10],
  ['DoCoMo/2.0 SH905i(c100;TB;W24H12)', 'docomo', 'SH905i', null, 100],
  ['DoCoMo/1.0/N503i/c5/serNNEBJ608187', 'docomo', 'N503i', null, 5],
  ['DoCoMo/1.0/F503i/c32', 'docomo', 'F503i', null, 32],
  ['DoCoMo/1.0/N209i/c08', 'docomo', 'N209i', null, 8],
  ['DoCoMo/1.0/ER209i/c15', 'docomo', 'ER209i', null, 15],
  ['DoCoMo/1.0/N821i', 'docomo', 'N821i', null, 5],
  ['DoCoMo/1.0/SO502iWM/c10', 'docomo', 'SO502iWM', null, 10],
  ['DoCoMo/1.0/SO503i/c10/serNSOBD506895', 'docomo', 'SO503i', null, 10],
  ['DoCoMo/2.0 P2101V', 'docomo', 'P2101V', null, 5],
  ['DoCoMo/1.0/F502it', 'docomo', 'F502it', null, 5],
  ['DoCoMo/1.0/NM502i/c10', 'docomo', 'NM502i', null, 10],
  ['DoCoMo/1.0/SH821i/c10', 'docomo', 'SH821i', null, 10],
  ['DoCoMo/1.0/R691i', 'docomo', 'R691i', null, 5],
  ['DoCoMo/1.0/P503iS/c10/serNMAUA482012', 'docomo', 'P503iS', null, 10],
  ['DoCoMo/1.0/N504i/c10/TJ/c0', 'docomo', 'N504i', null, 10],
  ['DoCoMo/1.1/P711m/c10', 'docomo', 'P711m', null, 10],
  ['DoCoMo/1.0/SH712m/c10', 'docomo', 'SH712m', null, 10],
  ['DoCoMo/1.0/641P/c10', 'docomo', '641P', null, 10],
  ['DoCoMo/1.0/KO210i/c10', 'docomo', 'KO210i', null, 10],
  ['DoCoMo/1.0/SO504i/c10/TB', 'docomo', 'SO504i', null, 10],
  ['DoCoMo/1.0/SO506iC/c20/TB/W20H10', 'docomo', 'SO506iC', null, 20],
  ['DoCoMo/2.0 P07A(c500;TB;W24H15)', 'docomo', 'P07A', null, 500],
];

// au / TU-KA: HTTP::MobileAgent t/04_ezweb.t, plus carriers.md (KDDI-CA32). Budget without
// X-UP-DEVCAP-MAX-PDU: WIN 100 KB, other XHTML handsets 9000 bytes, HDML-era 8000 bytes.
const WIN = 100;
const WAP2 = 9000 / KB;
const WAP1 = 8000 / KB;
const au: Row[] = [
  ['UP.Browser/3.01-HI01 UP.Link/3.4.5.2', 'au', 'HI01', 'HI01', WAP1],
  ['KDDI-TS21 UP.Browser/6.0.2.276 (GUI) MMP/1.1', 'au', 'TS21', 'TS21', WAP2],
  ['UP.Browser/3.04-TS14 UP.Link/3.4.4 (Google WAP Proxy/1.0)', 'au', 'TS14', 'TS14', WAP1],
  ['UP.Browser/3.04-TST4 UP.Link/3.4.5.6', 'au', 'TST4', 'TST4', WAP1],
  ['KDDI-KCU1 UP.Browser/6.2.0.5.1 (GUI) MMP/2.0', 'au', 'KCU1', 'KCU1', WAP2],
  ['KDDI-SN31 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0', 'au', 'SN31', 'SN31', WIN],
  ['KDDI-CA3F UP.Browser/6.2_7.2.7.1.K.4.306 (GUI) MMP/2.0', 'au', 'CA3F', 'CA3F', WIN],
  ['KDDI-KC42 UP.Browser/6.2_7.2.7.1.K.6.210 (GUI) MMP/2.0', 'au', 'KC42', 'KC42', WIN],
  ['KDDI-KC46 UP.Browser/6.2_7.2.7.1.K.7.108 (GUI) MMP/2.0', 'au', 'KC46', 'KC46', WIN],
  ['KDDI-CA32 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0', 'au', 'CA32', 'CA32', WIN],
  ['KDDI-CA21 UP.Browser/6.0.6 (GUI) MMP/1.1', 'au', 'CA21', 'CA21', WAP2],
  ['KDDI-CA21 UP.Browser/6.0.7.1 (GUI) MMP/1.1', 'au', 'CA21', 'CA21', WAP2],
  ['KDDI-HI21 UP.Browser/6.0.2.213 (GUI) MMP/1.1', 'au', 'HI21', 'HI21', WAP2],
  ['KDDI-HI21 UP.Browser/6.0.6 (GUI) MMP/1.1', 'au', 'HI21', 'HI21', WAP2],
  ['KDDI-KC21 UP.Browser/6.0.5 (GUI) MMP/1.1', 'au', 'KC21', 'KC21', WAP2],
  ['KDDI-MA21 UP.Browser/6.0.2.276 (GUI) MMP/1.1', 'au', 'MA21', 'MA21', WAP2],
  ['KDDI-MA21 UP.Browser/6.0.7 (GUI) MMP/1.1', 'au', 'MA21', 'MA21', WAP2],
  ['KDDI-SA21 UP.Browser/6.0.7.1 (GUI) MMP/1.1', 'au', 'SA21', 'SA21', WAP2],
  ['KDDI-SA22 UP.Browser/6.0.7.2 (GUI) MMP/1.1', 'au', 'SA22', 'SA22', WAP2],
  ['KDDI-SN21 UP.Browser/6.0.7 (GUI) MMP/1.1', 'au', 'SN21', 'SN21', WAP2],
  ['KDDI-SN22 UP.Browser/6.0.7 (GUI) MMP/1.1', 'au', 'SN22', 'SN22', WAP2],
  ['KDDI-TS21 UP.Browser/6.0.5.287 (GUI) MMP/1.1', 'au', 'TS21', 'TS21', WAP2],
  ['KDDI-TS22 UP.Browser/6.0.7.1 (GUI) MMP/1.1', 'au', 'TS22', 'TS22', WAP2],
  ['KDDI-TS2A UP.Browser/6.2.0.9 (GUI) MMP/2.0', 'au', 'TS2A', 'TS2A', WAP2],
  ['UP.Browser/3.01-HI02 UP.Link/3.2.1.2', 'au', 'HI02', 'HI02', WAP1],
  ['UP.Browser/3.03-HI11 UP.Link/3.2.2.7c', 'au', 'HI11', 'HI11', WAP1],
  ['UP.Browser/3.03-KCT3 UP.Link/3.4.4', 'au', 'KCT3', 'KCT3', WAP1],
  ['UP.Browser/3.03-SYC1 UP.Link/3.4.4', 'au', 'SYC1', 'SYC1', WAP1],
  ['UP.Browser/3.03-TST1 UP.Link/3.2.2.7c', 'au', 'TST1', 'TST1', WAP1],
  ['UP.Browser/3.04-CA11 UP.Link/3.3.0.5', 'au', 'CA11', 'CA11', WAP1],
  ['UP.Browser/3.04-CA13 UP.Link/3.4.4', 'au', 'CA13', 'CA13', WAP1],
  ['UP.Browser/3.04-DN11 UP.Link/3.3.0.1', 'au', 'DN11', 'DN11', WAP1],
  ['UP.Browser/3.04-HI12 UP.Link/3.4.4 (Google WAP Proxy/1.0)', 'au', 'HI12', 'HI12', WAP1],
  ['UP.Browser/3.04-HI14 UP.Link/3.4.5.2', 'au', 'HI14', 'HI14', WAP1],
  ['UP.Browser/3.04-KC15 UP.Link/3.4.4', 'au', 'KC15', 'KC15', WAP1],
  ['UP.Browser/3.04-KCT9 UP.Link/3.4.4', 'au', 'KCT9', 'KCT9', WAP1],
  ['UP.Browser/3.04-MA13 UP.Link/3.4.5.2', 'au', 'MA13', 'MA13', WAP1],
  ['UP.Browser/3.04-MAI2 UP.Link/3.4.4', 'au', 'MAI2', 'MAI2', WAP1],
  ['UP.Browser/3.04-MIT1 UP.Link/3.4.5.2', 'au', 'MIT1', 'MIT1', WAP1],
  ['UP.Browser/3.04-SN17 UP.Link/3.4.4', 'au', 'SN17', 'SN17', WAP1],
  ['UP.Browser/3.04-ST13 UP.Link/3.4.4', 'au', 'ST13', 'ST13', WAP1],
  ['UP.Browser/3.04-SY15 UP.Link/3.4.4', 'au', 'SY15', 'SY15', WAP1],
  ['UP.Browser/3.04-SYT3 UP.Link/3.4.5.2', 'au', 'SYT3', 'SYT3', WAP1],
  ['UP.Browser/3.04-TS12 UP.Link/3.3.0.3', 'au', 'TS12', 'TS12', WAP1],
  ['UP.Browser/3.04-TST5 UP.Link/3.4.4', 'au', 'TST5', 'TST5', WAP1],
  ['UP.Browser/3.1-SY11 UP.Link/3.2', 'au', 'SY11', 'SY11', WAP1],
  ['UP.Browser/3.2.9.1-SA12 UP.Link/3.2', 'au', 'SA12', 'SA12', WAP1],
];

// SoftBank / Vodafone / J-PHONE: HTTP::MobileAgent t/03_j_phone.t, t/09_vodafone_3gc.t, t/10_softbank.t;
// jpmobile spec/rack/jpmobile/softbank_spec.rb (V903T). C type 6 KB, P 12 KB, W 200 KB, 3GC 300 KB.
const softbank: Row[] = [
  ['J-PHONE/2.0/J-DN02', 'softbank', 'J-DN02', null, 6],
  ['J-PHONE/3.0/J-PE03_a', 'softbank', 'J-PE03_a', null, 6],
  ['J-PHONE/4.0/J-SH51/SNJSHA3029293 SH/0001aa Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0', 'softbank', 'J-SH51', null, 12],
  ['J-PHONE/4.0/J-SH51/SNXXXXXXXXX SH/0001a Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0', 'softbank', 'J-SH51', null, 12],
  ['J-PHONE/5.0/V801SA', 'softbank', 'V801SA', null, 200],
  ['J-Phone/5.0/J-SH03 (compatible; Mozilla 4.0; MSIE 5.5; YahooSeeker)', 'softbank', 'J-SH03', null, 200],
  ['J-PHONE/2.0/J-P02', 'softbank', 'J-P02', null, 6],
  ['J-PHONE/2.0/J-SA02', 'softbank', 'J-SA02', null, 6],
  ['J-PHONE/2.0/J-SH03_a', 'softbank', 'J-SH03_a', null, 6],
  ['J-PHONE/2.0/J-T05', 'softbank', 'J-T05', null, 6],
  ['J-PHONE/3.0/J-D03', 'softbank', 'J-D03', null, 6],
  ['J-PHONE/3.0/J-DN03', 'softbank', 'J-DN03', null, 6],
  ['J-PHONE/3.0/J-K05', 'softbank', 'J-K05', null, 6],
  ['J-PHONE/3.0/J-N03B', 'softbank', 'J-N03B', null, 6],
  ['J-PHONE/3.0/J-NM02', 'softbank', 'J-NM02', null, 6],
  ['J-PHONE/3.0/J-SA04_a', 'softbank', 'J-SA04_a', null, 6],
  ['J-PHONE/3.0/J-SH04_c', 'softbank', 'J-SH04_c', null, 6],
  ['J-PHONE/3.0/J-SH08', 'softbank', 'J-SH08', null, 6],
  ['J-PHONE/3.0/J-T06_a', 'softbank', 'J-T06_a', null, 6],
  ['J-PHONE/3.0/J-T07', 'softbank', 'J-T07', null, 6],
  ['J-PHONE/4.0/J-K51/SNJKWA3001061 KW/1.00 Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0', 'softbank', 'J-K51', null, 12],
  ['J-PHONE/4.0/J-P51/SNJMAA1036146 MA/JDP51A36 Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0', 'softbank', 'J-P51', null, 12],
  ['J-PHONE/4.0/J-SH51 SH/0001aa Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0', 'softbank', 'J-SH51', null, 12],
  ['J-PHONE/4.0/J-SH51_a/SNJSHA1045575 SH/0001aa Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0', 'softbank', 'J-SH51_a', null, 12],
  ['J-PHONE/4.0/J-T51/SNJTSA1077171 TS/1.00 Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0', 'softbank', 'J-T51', null, 12],
  ['Vodafone/1.0/V802SE/SEJ001/SNXXXXXXXXX Browser/SEMC-Browser/4.1 Profile/MIDP-2.0 Configuration/CLDC-1.10', 'softbank', 'V802SE', null, 300],
  ['Vodafone/1.0/V702NK/NKJ001 Series60/2.6 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'softbank', 'V702NK', null, 300],
  // Contains "UP.Browser": must not be taken for au.
  ['Vodafone/1.0/V902SH/SHJ001/SN999999999999999 Browser/UP.Browser/7.0.2.1 Profile/MIDP-2.0 Configuration/CLDC-1.1 Ext-J-Profile/JSCL-1.2.2 Ext-V-Profile/VSCL-2.0.0', 'softbank', 'V902SH', null, 300],
  ['Vodafone/1.0/V903T/TJ001 Browser/VF-Browser/1.0 Profile/MIDP-2.0 Configuration/CLDC-1.1 Ext-J-Profile/JSCL-1.2.2 Ext-V-Profile/VSCL-2.0.0', 'softbank', 'V903T', null, 300],
  ['SoftBank/1.0/910T/TJ001/SNXXXXXXXXX Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'softbank', '910T', null, 300],
  ['SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'softbank', '910T', null, 300],
  ['SoftBank/1.0/910T/TJ001/SN000000000000000 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'softbank', '910T', null, 300],
  // Without X-JPHONE-MSNAME the Motorola's model is only the UA's.
  ['MOT-V980/80.2F.2E. MIB/2.2.1 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'softbank', 'V980', null, 300],
  // Emulator prefixes (HTTP::MobileAgent's JPhone pattern, carriers.md).
  ['Semulator/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'softbank', '910T', null, 300],
  ['Vemulator/1.0/V903T/TJ001 Browser/VF-Browser/1.0 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'softbank', 'V903T', null, 300],
  ['J-EMULATOR/4.0/J-SH51 SH/0001aa Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0', 'softbank', 'J-SH51', null, 12],
  ['MOTEMULATOR-V980/80.2F.2E. MIB/2.2.1 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'softbank', 'V980', null, 300],
];

// WILLCOM / DDI POCKET: HTTP::MobileAgent t/07_airh.t.
const willcom: Row[] = [
  ['Mozilla/3.0(DDIPOCKET;JRC/AH-J3001V,AH-J3002V/1.0/0100/c50)CNF/2.0', 'willcom', 'AH-J3001V', null, 50],
  ['Mozilla/3.0(DDIPOCKET;KYOCERA/AH-K3001V/1.4.1.67.000000/0.1/C100) Opera 7.0', 'willcom', 'AH-K3001V', null, 100],
  ['Mozilla/3.0(WILLCOM;KYOCERA/WX300K/1;1.0.2.8.000000/0.1/C100) Opera/7.0', 'willcom', 'WX300K', null, 100],
  ['Mozilla/3.0(WILLCOM;SANYO/WX310SA/2;1/1/C128) NetFront/3.3', 'willcom', 'WX310SA', null, 128],
  ['Mozilla/3.0(WILLCOM;KES/WS009KEplus/2;0001;1/1/C128) NetFront/3.3', 'willcom', 'WS009KEplus', null, 128],
  ['Mozilla/3.0(WILLCOM;KES/WS009KE/2;3/1/C128) NetFront/3.3', 'willcom', 'WS009KE', null, 128],
  ['Mozilla/3.0(WILLCOM;KYOCERA/WX310K/2;1.2.14.17.000000/0.1/C100) Opera 7.0', 'willcom', 'WX310K', null, 100],
  ['Mozilla/3.0(WILLCOM;KYOCERA/WX310K/2;1.2.2.16.000000/0.1/C100) Opera 7.0', 'willcom', 'WX310K', null, 100],
];

// Modern browsers: jpmobile spec/rack/jpmobile/android_spec.rb (SO-01B); the rest are the vendors'
// published UA formats (MDN "User-Agent" reference, Chrome's reduced UA, Apple Safari, KaiOS developer docs;
// 4G feature phone models from the carriers' product pages). Budget 2 MB.
const BROWSER = 2048;
const modern: Row[] = [
  ['Mozilla/5.0 (Linux; U; Android 1.6; ja-jp; SonyEriccsonSO-01B Build/R1EA018) AppleWebKit/528.5+ (KHTML, like Gecko) Version/3.1.2 Mobile Safari/525.20.1', 'smartphone', 'SonyEriccsonSO-01B', null, BROWSER],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'smartphone', 'iPhone', null, BROWSER],
  ['Mozilla/5.0 (iPhone; CPU iPhone OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1', 'smartphone', 'iPhone', null, BROWSER],
  ['Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36', 'smartphone', 'K', null, BROWSER],
  ['Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Mobile Safari/537.36', 'smartphone', 'Pixel 7', null, BROWSER],
  ['Mozilla/5.0 (Linux; Android 9; SO-01L) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.91 Mobile Safari/537.36', 'smartphone', 'SO-01L', null, BROWSER],
  ['Mozilla/5.0 (Linux; Android 11; SC-52B Build/RP1A.200720.012) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/96.0.4664.45 Mobile Safari/537.36', 'smartphone', 'SC-52B', null, BROWSER],
  ['Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1', 'smartphone', 'iPad', null, BROWSER],
  // 4G feature phones (ガラホ): modern browsers too, flagged as feature phones.
  ['Mozilla/5.0 (Linux; Android 5.1; SH-01J Build/S8133) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/39.0.0.0 Mobile Safari/537.36', 'smartphone', 'SH-01J', null, BROWSER],
  ['Mozilla/5.0 (Linux; Android 5.1; KYF31 Build/101.0.2c10) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/39.0.0.0 Mobile Safari/537.36', 'smartphone', 'KYF31', null, BROWSER],
  ['Mozilla/5.0 (Linux; Android 8.1.0; 701SH Build/S4041) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/61.0.3163.98 Mobile Safari/537.36', 'smartphone', '701SH', null, BROWSER],
  ['Mozilla/5.0 (Mobile; KYF42; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5', 'smartphone', 'KYF42', null, BROWSER],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'pc', null, null, BROWSER],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0', 'pc', null, null, BROWSER],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 'pc', null, null, BROWSER],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'pc', null, null, BROWSER],
  ['Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko', 'pc', null, null, BROWSER],
  ['Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'pc', null, null, BROWSER],
];

// Junk and non-browsers: unknown, with the smallest budget.
const junk: Row[] = [
  ['', 'unknown', null, null, 5],
  ['curl/8.5.0', 'unknown', null, null, 5],
  ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'unknown', null, null, 5],
  ['KDDI-', 'unknown', null, null, 5],
  ['DoCoMo', 'unknown', null, null, 5],
  ['\u0000\u0001<script>', 'unknown', null, null, 5],
];

const table = [...docomo, ...au, ...softbank, ...willcom, ...modern, ...junk];

describe('carrier detection', () => {
  it('has at least 150 real user agents', () => {
    expect(table.length).toBeGreaterThanOrEqual(150);
  });

  it.each(table)('%s', (userAgent, carrier, model, deviceId, cacheKb) => {
    const handset = detectHandset({ 'user-agent': userAgent });
    expect(handset.carrier).toBe(carrier);
    expect(handset.model).toBe(model);
    expect(handset.deviceId).toBe(deviceId);
    expect(handset.cacheBytes).toBe(Math.round(cacheKb * KB));
  });

  it('describes a cache-less i-mode handset without Java and a FOMA with i-appli', () => {
    const d501i = detectHandset({ 'user-agent': 'DoCoMo/1.0/D501i' });
    expect(d501i).toMatchObject({ family: 'mova', markup: 'chtml', encoding: 'shift_jis', cookies: false, app: 'none', cacheBytes: 5120 });
    expect(detectHandset({ 'user-agent': 'DoCoMo/2.0 N2001(c10)' })).toMatchObject({ family: 'foma', app: 'doja' });
    expect(detectHandset({ 'user-agent': 'DoCoMo/1.0/eggy/c300/s32/kPHS-K' })).toMatchObject({ family: 'phs', app: 'none' });
  });

  it('treats i-mode browser 2.0 as XHTML with cookies', () => {
    expect(detectHandset({ 'user-agent': 'DoCoMo/2.0 P07A(c500;TB;W24H15)' })).toMatchObject({ browser2: true, markup: 'xhtml', cookies: true });
  });

  it('reads the iモードID, EZ number and J-PHONE UID only when well-formed', () => {
    expect(detectHandset({ 'user-agent': 'DoCoMo/2.0 N2001(c10)', 'x-dcmguid': 'a1B2c3D' }).subscriberId).toBe('a1B2c3D');
    expect(detectHandset({ 'user-agent': 'DoCoMo/2.0 N2001(c10)', 'x-dcmguid': '<script>' }).subscriberId).toBeNull();
    const au = detectHandset({ 'user-agent': 'KDDI-CA32 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0', 'x-up-subno': '00000000000000_mj.ezweb.ne.jp' });
    expect(au.subscriberId).toBe('00000000000000_mj.ezweb.ne.jp');
    const sb = detectHandset({ 'user-agent': 'SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'x-jphone-uid': 'aaaaaaaaaaaaaaaa' });
    expect(sb.subscriberId).toBe('aaaaaaaaaaaaaaaa');
  });

  it('names au handsets from the device table and takes the page budget and screen from headers', () => {
    const handset = detectHandset({
      'user-agent': 'KDDI-CA32 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0',
      'x-up-devcap-max-pdu': '131072',
      'x-up-devcap-screenpixels': '240,320',
    });
    expect(handset).toMatchObject({ name: 'W31CA', family: 'win', cacheBytes: 131072, screen: { width: 240, height: 320 }, app: 'midp' });
    expect(detectHandset({ 'user-agent': 'KDDI-KCU1 UP.Browser/6.2.0.5.1 (GUI) MMP/2.0' })).toMatchObject({ family: 'tuka', name: 'TK41' });
    expect(detectHandset({ 'user-agent': 'UP.Browser/3.04-TS14 UP.Link/3.4.4' })).toMatchObject({ family: 'wap1', name: 'C415T', app: 'none' });
  });

  it('takes a Motorola model from X-JPHONE-MSNAME and the SoftBank screen from X-JPHONE-DISPLAY', () => {
    const mot = detectHandset({ 'user-agent': 'MOT-V980/80.2B.04I MIB/2.2.1 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'x-jphone-msname': 'V702MO' });
    expect(mot).toMatchObject({ carrier: 'softbank', model: 'V702MO', family: '3gc', app: 'midp' });
    const display = detectHandset({ 'user-agent': 'Vodafone/1.0/V903T/TJ001 Browser/VF-Browser/1.0', 'x-jphone-display': '240*320' });
    expect(display.screen).toEqual({ width: 240, height: 320 });
    expect(detectHandset({ 'user-agent': 'J-PHONE/2.0/J-DN02' })).toMatchObject({ family: 'c', app: 'none', encoding: 'shift_jis' });
  });

  it('flags 4G feature phones and gives modern browsers the web token', () => {
    expect(detectHandset({ 'user-agent': modern[8]![0] })).toMatchObject({ family: 'featurephone', app: 'web', markup: 'html5' });
    expect(detectHandset({ 'user-agent': modern[1]![0] })).toMatchObject({ family: 'smartphone', app: 'web' });
    expect(detectHandset({ 'user-agent': modern[12]![0] })).toMatchObject({ family: 'pc', app: 'none' });
  });

  it('never throws on arbitrary headers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.dictionary(fc.constantFrom('x-dcmguid', 'x-up-subno', 'x-up-devcap-max-pdu', 'x-up-devcap-screenpixels', 'x-jphone-msname', 'x-jphone-display', 'x-jphone-uid'), fc.string()), (userAgent, headers) => {
        const handset = detectHandset({ ...headers, 'user-agent': userAgent });
        expect(handset.cacheBytes).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.constantFrom('DoCoMo/1.0/', 'DoCoMo/2.0 ', 'KDDI-', 'UP.Browser/', 'J-PHONE/', 'SoftBank/1.0/', 'MOT-', 'Mozilla/3.0(WILLCOM;'), fc.string(), (prefix, rest) => {
        expect(() => detectHandset({ 'user-agent': prefix + rest })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
