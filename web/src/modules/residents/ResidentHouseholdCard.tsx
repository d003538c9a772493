import { HomeOutlined } from '@ant-design/icons';
import { Card, Descriptions, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { HOUSEHOLD_TYPES, RELATIONS_TO_HEAD } from '../../../../common/codes/resident.codes';
import type { HouseholdMember } from '../../../../common/schemas/households.schema';
import type { Resident } from '../../../../common/schemas/residents.schema';
import { useCan } from '../../app/auth';
import { codeLabel, currentLang } from '../../lib/i18n';
import { ResidentTagList, SexMark } from './ResidentBits';
import { useHousehold } from './residents.api';
import { formatAddress } from './residents.format';

/** 家庭: the resident's household, its type and members, with a link to the household page. */
export function ResidentHouseholdCard({ resident }: { resident: Resident }) {
  const { t } = useTranslation();
  const canOpen = useCan('households.read');
  const household = useHousehold(canOpen ? resident.householdId : null);
  const title = (
    <span>
      <HomeOutlined style={{ marginInlineEnd: 8 }} />
      {t('residents.detail.household')}
    </span>
  );

  if (!resident.householdId) {
    return (
      <Card title={title} size="small">
        <Typography.Text>{t('residents.detail.noHousehold')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
          {t('residents.detail.noHouseholdHint')}
        </Typography.Paragraph>
      </Card>
    );
  }

  const extra = canOpen ? <Link to={`/households/${resident.householdId}`}>{t('residents.detail.householdOpen')}</Link> : null;
  const h = household.data;
  return (
    <Card title={title} size="small" extra={<span className="no-print">{extra}</span>}>
      {household.isPending && canOpen ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : !h ? (
        <Descriptions size="small" column={1} items={[{ key: 'rel', label: t('residents.field.relationToHead'), children: codeLabel(RELATIONS_TO_HEAD, resident.relationToHead) || '—' }]} />
      ) : (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'addr', label: t('residents.field.address'), children: (currentLang() === 'zh' ? h.address : formatAddress(t, h, true)) || '—', span: { xs: 1, sm: 2 } },
              { key: 'type', label: t('residents.detail.householdType'), children: codeLabel(HOUSEHOLD_TYPES, h.type) },
              { key: 'head', label: t('residents.detail.householdHead'), children: h.headName ?? '—' },
              { key: 'rel', label: t('residents.field.relationToHead'), children: codeLabel(RELATIONS_TO_HEAD, resident.relationToHead) || '—' },
            ]}
          />
          {h.members && h.members.length > 0 && (
            <>
              <Typography.Text type="secondary" style={{ display: 'block', margin: '8px 0 4px' }}>
                {t('residents.detail.householdMembers', { count: h.members.length })}
              </Typography.Text>
              <Table<HouseholdMember>
                size="small"
                rowKey="residentId"
                pagination={false}
                dataSource={h.members}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    title: t('residents.detail.memberName'),
                    key: 'name',
                    render: (_, m) =>
                      m.residentId === resident.id ? (
                        <span>
                          <Typography.Text strong>{m.name}</Typography.Text> <Tag color="green">{t('residents.detail.thisPerson')}</Tag>
                        </span>
                      ) : (
                        <Link to={`/residents/${m.residentId}`}>{m.name}</Link>
                      ),
                  },
                  { title: t('residents.detail.memberRelation'), key: 'rel', render: (_, m) => codeLabel(RELATIONS_TO_HEAD, m.relationToHead) || '—' },
                  {
                    title: t('residents.detail.memberAge'),
                    key: 'age',
                    render: (_, m) => (
                      <span>
                        <SexMark sex={m.sex} /> {m.age ?? '—'}
                      </span>
                    ),
                  },
                  { title: t('residents.detail.memberTags'), key: 'tags', render: (_, m) => <ResidentTagList tags={m.tags} /> },
                ]}
              />
            </>
          )}
        </>
      )}
      {household.error && <Typography.Text type="danger">{t('residents.detail.householdError')}</Typography.Text>}
    </Card>
  );
}
