import { RightOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResidentListItem } from '../../../../common/schemas/residents.schema';
import { ResidentTagList, SexMark } from './ResidentBits';
import { formatAddress } from './residents.format';

/** The phone view of the list: one tappable card per resident. */
export function ResidentCardList({ rows, showCommunity }: { rows: ResidentListItem[]; showCommunity: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      {rows.map((r) => {
        const address = formatAddress(t, r);
        return (
          <Link key={r.id} to={`/residents/${r.id}`} style={{ color: 'inherit' }}>
            <Card size="small" hoverable styles={{ body: { padding: '10px 12px' } }}>
              <Flex justify="space-between" align="center" gap={8}>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <Flex gap={8} align="baseline" wrap>
                    <Typography.Text strong style={{ fontSize: 16 }}>
                      {r.name}
                    </Typography.Text>
                    <SexMark sex={r.sex} withText />
                    {r.age != null && <Typography.Text type="secondary">{t('residents.ageYears', { age: r.age })}</Typography.Text>}
                    {showCommunity && <Typography.Text type="secondary">· {r.communityName}</Typography.Text>}
                  </Flex>
                  {address && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }} ellipsis>
                      {address}
                    </Typography.Text>
                  )}
                  {(r.phone || r.idNumber) && (
                    <Flex gap={12} wrap style={{ fontSize: 13, color: '#475569' }}>
                      {r.phone && <span className="masked">{r.phone}</span>}
                      {r.idNumber && <span className="masked">{r.idNumber}</span>}
                    </Flex>
                  )}
                  {r.tags.length > 0 && (
                    <div style={{ marginTop: 4 }}>
                      <ResidentTagList tags={r.tags} />
                    </div>
                  )}
                </div>
                <RightOutlined style={{ color: '#cbd5e1' }} aria-hidden />
              </Flex>
            </Card>
          </Link>
        );
      })}
    </Flex>
  );
}
