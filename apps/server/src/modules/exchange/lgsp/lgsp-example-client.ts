/**
 * A client of the LGSP REST API written from the calls of the public example client of the national
 * exchange (all4u1089/truclienthong-example, src/main/java/com/lgsp/cmon/Main.java and
 * AccessTokenJson.java): the same operations, arguments and answers as its generated `DefaultApi`.
 * Used by the tests against our hub, and by a deployment whose transport is an external LGSP.
 */
export interface KetQua {
  status: string;
  errorCode: string;
  errorDesc: string;
  data?: unknown;
  docId?: string;
}
export interface VanBan {
  serviceType: string;
  messageType: 'edoc' | 'status';
  statusDesc: string;
  docId: string;
  from: string;
  to: string;
  status: string;
  createdTime: string;
}
export interface DonViLienThong {
  id: string;
  code: string;
  name: string;
  pid: string | null;
}
export interface DonViLienThongThemMoi {
  code: string;
  name: string;
  pcode: string;
  email?: string;
  fax?: string;
  mobile?: string;
}

export class LgspExampleClient {
  private token: string | null = null;
  /** The HTTP status of the last call (the Java client throws ApiException on non-2xx). */
  lastStatus = 0;

  constructor(
    /** `adapterAddress` of the example: the token is at `/token`, the API at `/truclienthong/v1.0.0`. */
    private readonly adapterAddress: string,
    private readonly consumerKey: string,
    private readonly consumerSecret: string,
  ) {}

  /** AccessTokenJson.generate(): curl -d grant_type=client_credentials -H "Authorization: Basic base64(key:secret)" {url}/token */
  async generate(): Promise<string> {
    const res = await fetch(`${this.adapterAddress}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${this.consumerKey}:${this.consumerSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    this.lastStatus = res.status;
    const json = (await res.json()) as { access_token?: string };
    if (!res.ok || !json.access_token) throw new Error(`token: HTTP ${res.status} ${JSON.stringify(json)}`);
    this.token = json.access_token;
    return this.token;
  }

  private async call<T>(
    method: string,
    path: string,
    secret: string,
    o: { headers?: Record<string, string>; body?: string; json?: unknown } = {},
  ): Promise<T> {
    if (!this.token) await this.generate();
    const res = await fetch(`${this.adapterAddress}/truclienthong/v1.0.0${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        secret,
        ...(o.json !== undefined
          ? { 'content-type': 'application/json' }
          : o.body !== undefined
            ? { 'content-type': 'text/plain' }
            : {}),
        ...o.headers,
      },
      body: o.json !== undefined ? JSON.stringify(o.json) : o.body,
    });
    this.lastStatus = res.status;
    return (await res.json()) as T;
  }

  /** 1: Lấy danh sách văn bản đến. */
  vanbansGet(secretDonVi: string) {
    return this.call<KetQua & { data: VanBan[] }>('GET', '/vanbans', secretDonVi);
  }
  /** 2: Lấy chi tiết văn bản (data: the edXML in base64). */
  vanbansDocIdGet(docId: string, secretDonVi: string) {
    return this.call<KetQua & { data: string }>('GET', `/vanbans/${encodeURIComponent(docId)}`, secretDonVi);
  }
  /** 3: Gửi văn bản liên thông: the base64 of the edXML file, loaiVanBan "edoc" (or "status"). */
  vanbansPost(base64Encode: string, secretDonVi: string, loaiVanBan: 'edoc' | 'status') {
    return this.call<KetQua & { docId: string }>('POST', '/vanbans', secretDonVi, {
      body: base64Encode,
      headers: { type: loaiVanBan },
    });
  }
  /** 4: Cập nhật trạng thái văn bản: INITIAL, PROCESSING, DONE, FAIL. */
  vanbansDocIdPut(docId: string, status: string, secretDonVi: string) {
    return this.call<KetQua>('PUT', `/vanbans/${encodeURIComponent(docId)}`, secretDonVi, { headers: { status } });
  }
  /** 5: Lấy danh sách đơn vị liên thông. */
  donvilienthongsGet(secretDonVi: string) {
    return this.call<KetQua & { data: DonViLienThong[] }>('GET', '/donvilienthongs', secretDonVi);
  }
  /** 7: Đăng ký đơn vị liên thông. */
  donvilienthongsPost(secretDonVi: string, data: DonViLienThongThemMoi) {
    return this.call<KetQua>('POST', '/donvilienthongs', secretDonVi, { json: data });
  }
  /** 8: Hủy đăng ký đơn vị liên thông. */
  donvilienthongsPut(secretDonVi: string, agencyCode: string) {
    return this.call<KetQua>('PUT', '/donvilienthongs', secretDonVi, { headers: { agencyCode } });
  }
}
