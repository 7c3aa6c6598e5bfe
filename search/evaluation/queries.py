"""The judged queries over the demo help center (fixtures/demo_articles.jsonl).

Each entry: (query as a visitor types it, class, judgments). Judgments were written from the
articles themselves — their category, their platform variants and a keyword scan of the corpus —
before any system was run. Grades: 2 = answers the query, 1 = related (a platform variant of the
answer, a neighbouring topic); unlisted articles are 0.

Judgment keys:
  "demo-2017"          one article, by its external id
  "@backup-chat"       a question answered once per platform (question_key): the 공통 article gets
                       the grade, every other platform variant gets 1
  "@backup-chat/iOS"   that question's article for one platform (overrides the line above)

Which queries are held out is decided by a hash of the text (collection.is_held_out), so adding a
query never moves another in or out. Held-out queries must not be looked at while tuning.

Changing a judgment: only when the judgment was wrong, never because a system disagrees; write the
reason in a comment on the line.
"""

SHORT = "짧은 키워드"
COMPOUND = "복합어"
QUESTION = "자연어 질문"
SPACING = "붙여쓰기·띄어쓰기"
TYPO = "오타"
SLANG = "줄임말·별칭"
LATIN_NUMBER = "영문·숫자"
PHRASE = "따옴표 구절"
PLATFORM = "플랫폼"

QUERIES = [
    # 짧은 키워드: 1–2 words, often two syllables
    ("탈퇴", SHORT, {"@delete-account": 2, "demo-2008": 1, "demo-2009": 1, "demo-2010": 1, "demo-2025": 1, "demo-3023": 1}),
    ("백업", SHORT, {"@backup-chat": 2, "demo-1011": 1, "demo-1014": 1, "demo-1015": 1, "demo-1010": 1,
                   "@restore-chat": 1, "demo-1045": 1, "demo-4010": 1, "demo-1013": 1}),
    ("환불", SHORT, {"@pay-refund": 2, "demo-3005": 1, "demo-3006": 1, "demo-3002": 1, "demo-1047": 1}),
    ("비밀번호 변경", SHORT, {"@change-password": 2, "demo-2001": 1, "demo-2015": 1, "demo-3019": 1, "demo-1010": 1,
                         "@app-lock": 1}),
    ("알림", SHORT, {"@notification-missing": 2, "demo-1035": 1, "demo-1036": 1, "demo-1037": 1, "demo-1038": 1,
                   "demo-1051": 1, "demo-1034": 1}),
    ("차단", SHORT, {"@block-friend": 2, "demo-1049": 1, "demo-1007": 1}),
    ("신고", SHORT, {"@report-message": 2, "demo-1004": 1, "demo-1005": 1, "demo-1007": 1}),
    ("복원", SHORT, {"@restore-chat": 2, "demo-1012": 1, "demo-1010": 1, "demo-1016": 1, "demo-1045": 1,
                   "@backup-chat": 1}),
    ("송금 한도", SHORT, {"demo-3008": 2, "demo-3010": 1}),
    ("오픈채팅", SHORT, {"@openchat-create": 2, "demo-1024": 1, "demo-1025": 1, "demo-1026": 1, "demo-1027": 1,
                     "demo-1028": 1, "demo-1029": 1}),
    ("로그인 기록", SHORT, {"demo-2020": 2, "demo-2003": 1, "demo-2016": 1}),
    ("휴지통", SHORT, {"demo-4009": 2, "demo-4018": 1, "demo-4006": 1}),
    ("요금제", SHORT, {"demo-4007": 2, "demo-4008": 1, "demo-4006": 1}),
    ("공유 링크", SHORT, {"demo-4012": 2, "demo-4013": 1, "demo-4015": 1, "demo-4016": 1, "demo-4014": 1}),
    ("업데이트", SHORT, {"demo-1039": 2, "demo-1040": 1}),
    ("이용제한", SHORT, {"@restricted-notice": 2, "demo-1046": 1, "demo-1029": 1, "demo-1006": 1, "demo-1003": 1,
                     "demo-1001": 1, "demo-4019": 1, "demo-3010": 1, "demo-1008": 1}),
    ("인증번호", SHORT, {"demo-2002": 2, "demo-2005": 1, "demo-2006": 1, "@two-step": 1}),
    ("예약 메시지", SHORT, {"demo-1023": 2}),
    ("휴면 계정", SHORT, {"demo-2014": 2}),
    ("출금", SHORT, {"demo-3017": 2, "demo-3023": 1}),
    ("교통카드", SHORT, {"demo-3018": 2, "demo-1045": 1}),
    ("배경", SHORT, {"demo-1020": 2, "demo-1050": 1}),

    # 복합어: content words as an article would name the topic
    ("대화 백업 비밀번호", COMPOUND, {"demo-1010": 2, "@backup-chat": 1, "@restore-chat": 1}),
    ("결제 비밀번호 분실", COMPOUND, {"demo-3019": 2, "demo-3020": 1, "demo-2001": 1}),
    ("송금 잘못 보냄", COMPOUND, {"demo-3007": 2, "demo-3009": 1}),
    ("중복 결제", COMPOUND, {"demo-3002": 2, "@pay-refund": 1, "demo-3006": 1}),
    ("정기 결제 해지", COMPOUND, {"demo-3003": 2, "demo-4008": 1, "demo-4007": 1}),
    ("오픈채팅 방장 위임", COMPOUND, {"demo-1026": 2}),
    ("채팅방 알림 끄기", COMPOUND, {"demo-1035": 2, "demo-1038": 1, "demo-1036": 1}),
    ("기본 결제 수단", COMPOUND, {"demo-3015": 2, "demo-3013": 1, "demo-3014": 1}),
    ("계좌 인증 실패", COMPOUND, {"demo-3016": 2, "demo-3014": 1}),
    ("사진 자동 올리기", COMPOUND, {"demo-4002": 2, "demo-1045": 1}),
    ("폴더 다운로드", COMPOUND, {"demo-4001": 2, "demo-4003": 1, "demo-4023": 1}),
    ("다운로드 위치", COMPOUND, {"demo-4003": 2, "demo-4001": 1}),
    ("동영상 재생 오류", COMPOUND, {"demo-4004": 2, "demo-1012": 1}),
    ("업로드 속도", COMPOUND, {"demo-4005": 2, "@drive-upload-fail": 1}),
    ("메시지 삭제", COMPOUND, {"demo-1017": 2, "demo-1018": 1}),
    ("친구 추천 끄기", COMPOUND, {"demo-1033": 2}),
    ("생일 알림", COMPOUND, {"demo-1034": 2}),
    ("글자 크기", COMPOUND, {"demo-1043": 2}),
    ("로그인 기기 관리", COMPOUND, {"demo-2003": 2, "demo-2020": 1, "demo-2016": 1}),
    ("공유 폴더 권한", COMPOUND, {"demo-4014": 2, "demo-4012": 1, "demo-4016": 1}),
    ("이메일 변경", COMPOUND, {"demo-2011": 2, "demo-2012": 1}),
    ("복구 코드 분실", COMPOUND, {"demo-2019": 2, "@two-step": 1}),
    ("음성 통화 끊김", COMPOUND, {"demo-1052": 2}),

    # 자연어 질문: sentences with endings and filler
    ("탈퇴할래요", QUESTION, {"@delete-account": 2, "demo-2008": 1, "demo-2010": 1, "demo-2009": 1, "demo-2025": 1,
                          "demo-3023": 1}),
    ("환불해주세요", QUESTION, {"@pay-refund": 2, "demo-3005": 1, "demo-3006": 1, "demo-3002": 1, "demo-1047": 1}),
    ("비밀번호를 바꾸고 싶어요", QUESTION, {"@change-password": 2, "demo-2001": 1, "demo-2015": 1, "demo-3019": 1,
                                 "@app-lock": 1}),
    ("알림이 안 와요", QUESTION, {"@notification-missing": 2, "demo-1051": 1}),
    ("대화 백업은 어떻게 하나요", QUESTION, {"@backup-chat": 2, "demo-1015": 1, "demo-1045": 1, "@restore-chat": 1,
                                  "demo-1013": 1}),
    # No article restores deleted chats directly; restoring a backup is the answer the help center has.
    ("지운 대화 살릴 수 있나요", QUESTION, {"@restore-chat": 2, "demo-1018": 1, "demo-4018": 1}),
    ("결제가 안 돼요", QUESTION, {"demo-3004": 2, "demo-3020": 1, "demo-3016": 1}),
    ("사진이 안 보내져요", QUESTION, {"demo-1019": 2, "@drive-upload-fail": 1}),
    ("로그인이 안 돼요", QUESTION, {"demo-2004": 2, "demo-2005": 2, "demo-2001": 2, "demo-2002": 1, "demo-2014": 1}),
    ("중학생도 가입되나요", QUESTION, {"demo-2013": 2}),
    ("모르는 사람이 자꾸 메시지 보내요", QUESTION, {"demo-1007": 2, "@block-friend": 1, "@report-message": 1}),
    ("용량이 꽉 찼어요", QUESTION, {"demo-4006": 2, "demo-4009": 1, "demo-1042": 1, "demo-4010": 1, "demo-4007": 1}),
    ("휴대폰 잃어버렸어요", QUESTION, {"demo-3022": 2, "demo-2003": 1, "demo-2005": 1}),
    ("송금 취소할 수 있나요", QUESTION, {"demo-3009": 2, "demo-3007": 2}),
    ("이용제한 언제 풀려요", QUESTION, {"@restricted-notice": 2, "demo-1046": 2, "demo-1003": 1, "demo-1006": 1}),
    ("신고 취소되나요", QUESTION, {"demo-1004": 2, "@report-message": 1}),
    ("채팅방 나가면 대화 없어지나요", QUESTION, {"demo-1048": 2, "demo-1018": 1}),
    ("파일 공유 그만하고 싶어요", QUESTION, {"demo-4015": 2, "demo-4012": 1}),
    ("자동 백업 되나요", QUESTION, {"demo-1015": 2, "@backup-chat": 1, "demo-4002": 1}),
    ("앱이 자꾸 꺼져요", QUESTION, {"demo-1040": 2, "demo-1044": 1}),
    ("탈퇴하면 대화 어떻게 돼요", QUESTION, {"demo-2008": 2, "@delete-account": 1}),
    ("결제 취소하면 언제 돈 들어와요", QUESTION, {"demo-3006": 2, "@pay-refund": 1}),

    # 붙여쓰기·띄어쓰기: unspaced compounds and spacing variants
    ("비밀번호변경", SPACING, {"@change-password": 2, "demo-2001": 1, "demo-2015": 1, "demo-3019": 1, "@app-lock": 1}),
    ("대화백업", SPACING, {"@backup-chat": 2, "demo-1015": 1, "demo-1011": 1, "demo-1010": 1, "@restore-chat": 1,
                        "demo-1045": 1, "demo-4010": 1, "demo-1013": 1}),
    ("이모티콘환불", SPACING, {"demo-1047": 2, "@pay-refund": 1}),
    ("탈퇴후재가입", SPACING, {"demo-2025": 2, "demo-2009": 1, "@delete-account": 1}),
    ("친구추가", SPACING, {"demo-1031": 2, "demo-1030": 2}),
    ("차단해제", SPACING, {"demo-1049": 2, "@block-friend": 1}),
    ("알림소리", SPACING, {"demo-1036": 2, "demo-1035": 1}),
    ("결제내역", SPACING, {"demo-3001": 2, "demo-3021": 1}),
    ("공유링크", SPACING, {"demo-4012": 2, "demo-4013": 1, "demo-4015": 1}),
    ("저장공간부족", SPACING, {"demo-4006": 2, "demo-1042": 1, "demo-4009": 1, "demo-4010": 1}),
    ("채팅방배경", SPACING, {"demo-1020": 2}),
    ("방장넘기기", SPACING, {"demo-1026": 2}),
    ("예약전송", SPACING, {"demo-1023": 2}),
    ("휴대폰번호변경", SPACING, {"demo-2012": 2, "demo-2005": 2}),
    ("결제수단변경", SPACING, {"demo-3015": 2, "demo-3013": 1}),
    ("자동백업", SPACING, {"demo-1015": 2, "demo-4002": 1, "@backup-chat": 1}),
    ("백업 파일보관기간", SPACING, {"demo-1014": 2, "@restore-chat": 1}),
    ("오픈 채팅방 만들기", SPACING, {"@openchat-create": 2}),
    ("회원탈퇴", SPACING, {"@delete-account": 2, "demo-2008": 1, "demo-2010": 1, "demo-2009": 1, "demo-2025": 1}),
    ("조용히나가기", SPACING, {"demo-1048": 2}),
    ("로그인 기록확인", SPACING, {"demo-2020": 2, "demo-2003": 1}),
    ("통화끊김", SPACING, {"demo-1052": 2}),

    # 오타: one wrong letter, common confusions (결재/결제, 알람/알림, 되요/돼요)
    ("비밀번효", TYPO, {"@change-password": 2, "demo-2001": 2, "demo-2015": 1, "demo-3019": 1, "demo-1010": 1,
                      "@app-lock": 1}),
    ("탈튀", TYPO, {"@delete-account": 2, "demo-2008": 1, "demo-2009": 1, "demo-2010": 1, "demo-2025": 1}),
    ("벡업", TYPO, {"@backup-chat": 2, "demo-1011": 1, "demo-1015": 1, "@restore-chat": 1, "demo-1014": 1}),
    ("환뷸", TYPO, {"@pay-refund": 2, "demo-3005": 1, "demo-3006": 1, "demo-1047": 1}),
    ("알람 안와요", TYPO, {"@notification-missing": 2, "demo-1051": 1}),
    ("오픈체팅", TYPO, {"@openchat-create": 2, "demo-1024": 1, "demo-1025": 1, "demo-1026": 1, "demo-1027": 1,
                      "demo-1028": 1, "demo-1029": 1}),
    ("이용재한", TYPO, {"@restricted-notice": 2, "demo-1046": 1, "demo-1029": 1, "demo-1006": 1}),
    ("복원 안되요", TYPO, {"@restore-chat": 2, "demo-1012": 1, "demo-1010": 1}),
    ("차단헤제", TYPO, {"demo-1049": 2, "@block-friend": 1}),
    ("인증번오", TYPO, {"demo-2002": 2}),
    ("업로드 실페", TYPO, {"@drive-upload-fail": 2, "demo-4005": 1}),
    ("계좌 삭재", TYPO, {"demo-3014": 2}),
    ("결재 취소", TYPO, {"@pay-refund": 2, "demo-3003": 1, "demo-3005": 1}),
    ("이모티곤 환불", TYPO, {"demo-1047": 2}),
    ("비빌번호 찾기", TYPO, {"demo-2001": 2, "demo-3019": 1, "demo-1010": 1}),
    ("알림읍 바꾸기", TYPO, {"demo-1036": 2}),
    ("폴더 동기회", TYPO, {"demo-4017": 2, "demo-1030": 1}),
    ("스펨 메시지", TYPO, {"demo-1007": 2, "@report-message": 1}),
    ("계정 해킹됫어요", TYPO, {"demo-2017": 2, "demo-2016": 1}),

    # 줄임말·별칭: slang, short service names, words the articles do not use
    ("비번", SLANG, {"@change-password": 2, "demo-2001": 2, "demo-2015": 1, "demo-3019": 1, "demo-1010": 1,
                   "@app-lock": 1, "demo-2004": 1}),
    ("비번변경", SLANG, {"@change-password": 2, "demo-2001": 1, "demo-2015": 1, "demo-3019": 1}),
    ("비번 까먹음", SLANG, {"demo-2001": 2, "demo-3019": 1, "demo-1010": 1}),
    ("단톡방 초대", SLANG, {"demo-1021": 2, "demo-1022": 1}),
    ("단톡방 나가기", SLANG, {"demo-1048": 2, "demo-1018": 1}),
    ("강퇴당했어요", SLANG, {"demo-1024": 2}),
    ("정지 풀기", SLANG, {"@restricted-notice": 2, "demo-1046": 2, "demo-1003": 1, "demo-1006": 1, "demo-1029": 1}),
    ("계정 정지", SLANG, {"@restricted-notice": 2, "demo-1006": 2, "demo-1046": 1, "demo-1003": 1, "demo-2004": 1}),
    ("해킹당함", SLANG, {"demo-2017": 2, "demo-2016": 1, "demo-3021": 1, "demo-2024": 1}),
    ("보이스피싱", SLANG, {"demo-3024": 2, "demo-2018": 1, "demo-1005": 1}),
    ("폰 바꿨어요", SLANG, {"demo-1045": 2, "@restore-chat": 1, "@backup-chat": 1, "demo-1016": 1, "demo-2005": 1}),
    ("폰 분실", SLANG, {"demo-3022": 2, "demo-2003": 1}),
    ("프사 변경", SLANG, {"demo-1050": 2, "demo-1025": 1}),
    ("톡페이 환불", SLANG, {"@pay-refund": 2, "demo-3005": 1, "demo-3006": 1}),
    ("톡드 용량", SLANG, {"demo-4006": 2, "demo-4007": 1, "demo-4010": 1, "demo-4009": 1}),
    ("토톡 업데이트", SLANG, {"demo-1039": 2}),
    ("톡방 공지", SLANG, {"demo-1022": 2}),
    ("스미싱", SLANG, {"demo-2018": 2, "demo-3024": 1}),
    ("엔빵", SLANG, {"demo-3011": 2}),
    ("알림 먹통", SLANG, {"@notification-missing": 2, "demo-1051": 1}),
    ("결제카드 변경", SLANG, {"demo-3015": 2, "demo-3013": 1}),

    # 영문·숫자: Latin words, digits and their mixes with Hangul
    ("PC버전 설치", LATIN_NUMBER, {"demo-1041": 2, "demo-1039": 1}),
    ("2단계 인증", LATIN_NUMBER, {"@two-step": 2, "demo-2019": 1, "demo-2024": 1}),
    ("14일", LATIN_NUMBER, {"demo-1014": 2, "@restore-chat": 1, "demo-1045": 1}),
    ("14세 미만", LATIN_NUMBER, {"demo-2013": 2}),
    ("OTP", LATIN_NUMBER, {"@two-step": 2, "demo-2019": 1}),
    ("QR 로그인", LATIN_NUMBER, {"demo-2007": 2}),
    ("Face ID", LATIN_NUMBER, {"demo-2026": 2, "@app-lock/iOS": 1}),
    ("SMS 인증", LATIN_NUMBER, {"demo-2002": 2, "demo-2006": 1}),
    ("NFC", LATIN_NUMBER, {"demo-3018": 2}),
    ("Mac 토크톡 안 열림", LATIN_NUMBER, {"demo-1044": 2}),
    ("1원 인증", LATIN_NUMBER, {"demo-3016": 2}),
    ("5번 틀림", LATIN_NUMBER, {"demo-3020": 2, "demo-2004": 1}),
    ("macOS", LATIN_NUMBER, {"demo-1044": 2, "demo-4020": 1}),
    ("PC 동기화", LATIN_NUMBER, {"demo-4017": 2}),
    ("iOS 파일 앱", LATIN_NUMBER, {"demo-4021": 2}),
    ("송금 24시간", LATIN_NUMBER, {"demo-3009": 2}),
    ("7일 탈퇴 취소", LATIN_NUMBER, {"demo-2009": 2, "@delete-account": 1}),
    ("PC 로그인 인증", LATIN_NUMBER, {"demo-2006": 2, "demo-2007": 1}),
    ("Wi-Fi 통화", LATIN_NUMBER, {"demo-1052": 2}),

    # 따옴표 구절: quoted phrases
    ('"대화 백업"', PHRASE, {"@backup-chat": 2, "demo-1011": 1, "demo-1010": 1, "demo-1015": 1, "demo-4010": 1,
                          "@restore-chat": 1}),
    ('"비밀번호 변경"', PHRASE, {"@change-password": 2, "demo-2015": 1}),
    ('"결제 취소"', PHRASE, {"@pay-refund": 2, "demo-3005": 1}),
    ('"이용제한 내역"', PHRASE, {"demo-1046": 2, "demo-1002": 1, "@restricted-notice": 1}),
    ('"조용히 나가기"', PHRASE, {"demo-1048": 2}),
    ('"공유 링크"', PHRASE, {"demo-4012": 2, "demo-4013": 1, "demo-4015": 1}),
    ('"자동 백업"', PHRASE, {"demo-1015": 2}),
    ('"송금 한도"', PHRASE, {"demo-3008": 2}),
    ('"탈퇴 대기"', PHRASE, {"demo-2009": 2, "@delete-account": 1}),
    ('"결제 비밀번호"', PHRASE, {"demo-3019": 2, "demo-3020": 1, "demo-3023": 1}),
    ('"친구 추가"', PHRASE, {"demo-1031": 2, "demo-1030": 2}),
    ('"복구 코드"', PHRASE, {"demo-2019": 2, "@two-step": 1}),
    ('"사진 자동 올리기"', PHRASE, {"demo-4002": 2}),
    ('"방해 금지"', PHRASE, {"demo-1038": 2}),
    ('"차단 목록"', PHRASE, {"demo-1049": 2, "@block-friend": 1}),
    ('"미디어 포함"', PHRASE, {"@backup-chat/안드로이드": 2, "demo-1012": 2, "@backup-chat": 1, "demo-1014": 1,
                            "demo-1045": 1, "demo-4010": 1}),
    ('"알 수 없음"', PHRASE, {"demo-2008": 2}),
    ('"참여 코드"', PHRASE, {"demo-1028": 2}),

    # 플랫폼: device and platform words (아이폰 = iOS, 갤럭시·삼성 = 안드로이드, 맥 = Mac, 윈도우 = PC)
    ("아이폰 백업", PLATFORM, {"@backup-chat": 1, "@backup-chat/iOS": 2, "demo-1016": 1}),
    ("갤럭시 알림", PLATFORM, {"demo-1051": 2, "@notification-missing": 1, "@notification-missing/안드로이드": 2}),
    ("갤럭시 백업", PLATFORM, {"@backup-chat": 1, "@backup-chat/안드로이드": 2}),
    ("PC버전 비밀번호 변경", PLATFORM, {"@change-password": 1, "@change-password/PC": 2, "demo-2006": 1}),
    ("맥 알림", PLATFORM, {"@notification-missing": 1, "@notification-missing/Mac": 2}),
    ("원스토어 업데이트", PLATFORM, {"demo-1039": 2}),
    ("아이폰에서 안드로이드로", PLATFORM, {"demo-1016": 2, "@backup-chat": 1, "@restore-chat": 1}),
    ("안드로이드 탈퇴", PLATFORM, {"@delete-account": 1, "@delete-account/안드로이드": 2}),
    ("아이폰 잠금 비밀번호", PLATFORM, {"@app-lock": 1, "@app-lock/iOS": 2, "demo-2026": 1}),
    ("PC 오픈채팅 만들기", PLATFORM, {"@openchat-create": 1, "@openchat-create/PC": 2}),
    ("맥북 업로드 실패", PLATFORM, {"@drive-upload-fail": 1, "@drive-upload-fail/Mac": 2}),
    ("아이패드 복원", PLATFORM, {"@restore-chat": 1, "@restore-chat/iOS": 2}),
    ("안드로이드 교통카드", PLATFORM, {"demo-3018": 2}),
    ("윈도우 설치", PLATFORM, {"demo-1041": 2}),
    ("맥 파인더", PLATFORM, {"demo-4020": 2}),
    ("아이폰 2단계 인증", PLATFORM, {"@two-step": 1, "@two-step/iOS": 2, "demo-2026": 1}),
    ("삼성폰 차단", PLATFORM, {"@block-friend": 1, "@block-friend/안드로이드": 2, "demo-1049": 1}),
    ("PC 신고", PLATFORM, {"@report-message": 1, "@report-message/PC": 2}),
    ("원스토어 환불", PLATFORM, {"@pay-refund": 1, "@pay-refund/안드로이드 (원스토어)": 2}),
    ("갤럭시 결제 취소", PLATFORM, {"@pay-refund": 1, "@pay-refund/안드로이드": 2}),
]
