// ua-parser-js 1.x ships no types; the part the detector uses (https://docs.uaparser.dev/api/main/get-result.html).
declare module 'ua-parser-js' {
  interface UAParserResult {
    browser: { name?: string; version?: string };
    device: { type?: string; vendor?: string; model?: string };
    os: { name?: string; version?: string };
  }
  class UAParser {
    constructor(userAgent?: string);
    getResult(): UAParserResult;
  }
  export default UAParser;
}
